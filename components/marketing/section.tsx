// A landing-page section: eyebrow, heading, lead and content.
import type { ReactNode } from "react";

/** A titled page section with an anchor id. */
export function Section({ id, eyebrow, title, lead, children }: { id?: string; eyebrow?: string; title: string; lead?: ReactNode; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={id ? `${id}-title` : undefined} className="scroll-mt-20 py-20 sm:py-24">
      <div className="mx-auto max-w-6xl px-4 sm:px-6">
        <div className="mb-10 max-w-2xl">
          {eyebrow ? <p className="text-sm font-semibold text-brand-600">{eyebrow}</p> : null}
          <h2 id={id ? `${id}-title` : undefined} className="mt-2 text-3xl font-semibold text-zinc-950 sm:text-4xl">{title}</h2>
          {lead ? <p className="mt-4 text-base leading-7 text-zinc-600">{lead}</p> : null}
        </div>
        {children}
      </div>
    </section>
  );
}
