// The console frame: a dark top bar with the sections, the operator and a way back to the dashboard.
import type { ReactNode } from "react";
import Link from "next/link";
import { Logo } from "../brand/logo";
import { SkipLink } from "../ui/skip-link";
import { SignOutButton } from "../dashboard/sign-out-button";
import { AdminNav } from "./nav";

/** Top bar, skip link and the page's main region. */
export function AdminShell({ email, children }: { email: string; children: ReactNode }) {
  return (
    <div className="min-h-dvh bg-zinc-50">
      <SkipLink />
      <header className="bg-zinc-950">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4 sm:px-6">
          <Logo href="/admin" />
          <span className="rounded-md bg-amber-400/15 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-amber-300">Console</span>
          <div className="ml-auto flex min-w-0 items-center gap-2">
            <span className="hidden truncate text-sm text-zinc-300 sm:inline" title={email}>{email}</span>
            <Link href="/dashboard" className="rounded-md px-2 py-1 text-sm text-zinc-300 hover:bg-white/10 hover:text-white">Dashboard</Link>
            <SignOutButton />
          </div>
        </div>
        <div className="mx-auto max-w-7xl px-2 sm:px-4">
          <AdminNav />
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}
