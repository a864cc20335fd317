"use client";
// The console's sections as a tab row: wraps onto a second line on small screens.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "../ui/cn";

export const ADMIN_SECTIONS = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/accounts", label: "Accounts" },
  { href: "/admin/requests", label: "Requests" },
  { href: "/admin/models", label: "Models" },
  { href: "/admin/channels", label: "Channels" },
  { href: "/admin/audit", label: "Audit log" },
];

/** The section links, the current one marked. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Console" className="-mb-px flex flex-wrap gap-x-1">
      {ADMIN_SECTIONS.map((s) => {
        const active = s.href === "/admin" ? pathname === s.href : pathname.startsWith(s.href);
        return (
          <Link
            key={s.href}
            href={s.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "whitespace-nowrap border-b-2 px-3 py-2.5 text-sm font-medium transition-colors",
              active ? "border-brand-400 text-white" : "border-transparent text-zinc-400 hover:text-zinc-100",
            )}
          >
            {s.label}
          </Link>
        );
      })}
    </nav>
  );
}
