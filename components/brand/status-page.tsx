// The frame of our own 404 and error pages: logo, a big status line, and the ways back.
import type { ReactNode } from "react";
import { Logo } from "./logo";

/** A centred page with a code ("404"), a title, a sentence and actions. */
export function StatusPage({ code, title, children, actions }: { code: string; title: string; children: ReactNode; actions: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-zinc-50">
      <header className="px-4 py-5 sm:px-8">
        <Logo tone="light" />
      </header>
      <main id="main" className="flex flex-1 items-center justify-center px-4 pb-24">
        <div className="max-w-md text-center">
          <p className="font-mono text-sm font-medium text-brand-600">{code}</p>
          <h1 className="mt-3 text-3xl font-semibold tracking-tight text-zinc-950 sm:text-4xl">{title}</h1>
          <div className="mt-4 text-[15px] leading-7 text-zinc-600">{children}</div>
          <div className="mt-8 flex flex-wrap justify-center gap-3">{actions}</div>
        </div>
      </main>
    </div>
  );
}
