// The docs' table of contents: a sticky sidebar on wide screens, a collapsible list on small ones.
import { DOC_SECTIONS } from "./content";

function Links() {
  return (
    <ul className="space-y-1 text-sm">
      {DOC_SECTIONS.map((s) => (
        <li key={s.id}>
          <a href={`#${s.id}`} className={`block rounded-md py-1 text-zinc-600 hover:text-zinc-950 ${s.sub ? "pl-4 text-[13px]" : "font-medium"}`}>
            {s.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** On-this-page navigation. */
export function Toc() {
  return (
    <>
      <nav aria-label="On this page" className="sticky top-24 hidden max-h-[calc(100dvh-8rem)] overflow-y-auto lg:block">
        <p className="mb-3 text-xs font-semibold uppercase tracking-wide text-zinc-500">On this page</p>
        <Links />
      </nav>
      <details className="mb-8 rounded-xl border border-zinc-200 bg-zinc-50 px-4 py-3 lg:hidden">
        <summary className="cursor-pointer text-sm font-medium text-zinc-800">On this page</summary>
        <nav aria-label="On this page (mobile)" className="mt-3">
          <Links />
        </nav>
      </details>
    </>
  );
}
