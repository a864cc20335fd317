// What a list shows when it has nothing in it yet.
import type { ReactNode } from "react";

/** A centred placeholder with an icon, a line of text and an optional action. */
export function EmptyState({ icon, title, description, action }: { icon?: ReactNode; title: string; description?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center px-6 py-12 text-center">
      {icon ? <div className="mb-3 flex size-11 items-center justify-center rounded-full bg-zinc-100 text-zinc-500 [&_svg]:size-5">{icon}</div> : null}
      <p className="text-sm font-medium text-zinc-900">{title}</p>
      {description ? <p className="mt-1 max-w-sm text-sm text-zinc-500">{description}</p> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
