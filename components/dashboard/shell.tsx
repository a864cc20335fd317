// The dashboard frame: dark sidebar on large screens, a top bar with a menu on small ones.
import type { ReactNode } from "react";
import type { CurrentUser } from "@/lib/auth/session";
import { Logo } from "../brand/logo";
import { SkipLink } from "../ui/skip-link";
import { MobileNav } from "./mobile-nav";
import { NavLinks } from "./nav-links";
import { UserCard } from "./user-card";

/** Sidebar, skip link and the page's main region. */
export function DashboardShell({ user, children }: { user: CurrentUser; children: ReactNode }) {
  return (
    <div className="min-h-dvh bg-zinc-50 lg:pl-64">
      <SkipLink />
      <aside className="fixed inset-y-0 left-0 z-20 hidden w-64 flex-col bg-zinc-950 px-3 pb-4 pt-5 lg:flex">
        <Logo href="/dashboard" className="mx-2 mb-8" />
        <div className="flex-1 overflow-y-auto">
          <NavLinks />
        </div>
        <UserCard user={user} />
      </aside>
      <MobileNav footer={<UserCard user={user} />} />
      <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6 lg:px-10 lg:py-10">
        {children}
      </main>
    </div>
  );
}
