// The public pages' top bar: logo, links, and sign-in or dashboard.
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { Logo } from "../brand/logo";
import { LinkButton } from "../ui/button";

const LINKS = [
  { href: "/#models", label: "Models" },
  { href: "/pricing", label: "Pricing" },
  { href: "/docs", label: "Docs" },
];

/** Header for landing, pricing and docs; `tone="dark"` sits on the dark hero. */
export async function SiteHeader({ tone = "light" }: { tone?: "light" | "dark" }) {
  const user = await getCurrentUser();
  const dark = tone === "dark";
  return (
    <header className={dark ? "relative z-10" : "sticky top-0 z-30 border-b border-zinc-200/80 bg-white/85 backdrop-blur"}>
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <div className="flex items-center gap-8">
          <Logo tone={dark ? "dark" : "light"} />
          <nav aria-label="Main" className="hidden items-center gap-6 sm:flex">
            {LINKS.map((l) => (
              <Link key={l.href} href={l.href} className={dark ? "text-sm text-zinc-300 hover:text-white" : "text-sm text-zinc-600 hover:text-zinc-950"}>
                {l.label}
              </Link>
            ))}
          </nav>
        </div>
        <div className="flex items-center gap-2">
          {user ? (
            <LinkButton href="/dashboard" size="sm" variant={dark ? "inverse" : "primary"}>Dashboard</LinkButton>
          ) : (
            <>
              <Link href="/login" className={dark ? "px-2 text-sm font-medium text-zinc-200 hover:text-white" : "px-2 text-sm font-medium text-zinc-700 hover:text-zinc-950"}>
                Log in
              </Link>
              <LinkButton href="/register" size="sm" variant={dark ? "inverse" : "primary"}>Sign up</LinkButton>
            </>
          )}
        </div>
      </div>
      <nav aria-label="Main (mobile)" className={`flex gap-5 px-4 pb-3 sm:hidden ${dark ? "" : "border-t border-zinc-100 pt-2"}`}>
        {LINKS.map((l) => (
          <Link key={l.href} href={l.href} className={dark ? "text-sm text-zinc-300" : "text-sm text-zinc-600"}>
            {l.label}
          </Link>
        ))}
      </nav>
    </header>
  );
}
