// A GET search/filter form: its fields land in the URL, so results can be linked and reloaded.
import type { ReactNode } from "react";
import { buttonClass } from "../ui/button";

/** A labelled GET form with a submit button; `children` are its inputs. */
export function SearchForm({ action, label, children, submit = "Search" }: { action: string; label: string; children: ReactNode; submit?: string }) {
  return (
    <form method="get" action={action} role="search" aria-label={label} className="mb-6 flex flex-wrap items-end gap-3">
      {children}
      <button type="submit" className={buttonClass("primary", "md")}>{submit}</button>
    </form>
  );
}
