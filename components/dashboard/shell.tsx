// The dashboard frame: dark sidebar on large screens, a top bar with a menu on small ones.
import type { ReactNode } from "react";
import type { CurrentUser } from "@/lib/auth/session";
import { Logo } from "../brand/logo";
import { SkipLink } from "../ui/skip-link";
import { MobileNav } from "./mobile-nav";
import { NavLinks } from "./nav-links";
import { UserCard } from "./user-card";
import { VerifyBanner } from "./verify-banner";

/** Sidebar, skip link and the page's main region; `notice` (e.g. the low-balance banner) sits above every page. */
export function DashboardShell({ user, notice, children }: { user: CurrentUser; notice?: ReactNode; children: ReactNode }) {
  return (
    <div className="min-h-dvh bg-zinc-50 lg:flex">
      <SkipLink />
      {/* The dark column runs the page's full height; its contents stay in view while the page scrolls. */}
      <aside className="hidden w-64 shrink-0 bg-zinc-950 lg:block">
        <div className="sticky top-0 flex h-dvh flex-col px-3 pb-4 pt-5">
          <Logo href="/dashboard" className="mx-2 mb-8" />
          <div className="flex-1 overflow-y-auto">
            <NavLinks />
          </div>
          <UserCard user={user} />
        </div>
      </aside>
      <MobileNav footer={<UserCard user={user} />} />
      <main id="main" className="mx-auto w-full min-w-0 max-w-6xl px-4 py-8 sm:px-6 lg:px-10 lg:py-10">
        {!user.emailVerified ? <VerifyBanner email={user.email} /> : null}
        {notice}
        {children}
      </main>
    </div>
  );
}
