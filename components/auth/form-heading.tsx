// Title and subtitle of a sign-in page.
import type { ReactNode } from "react";

/** The h1 and lead of an auth page. */
export function FormHeading({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-8">
      <h1 className="text-2xl font-semibold text-zinc-950">{title}</h1>
      {children ? <p className="mt-2 text-sm text-zinc-600">{children}</p> : null}
    </div>
  );
}
