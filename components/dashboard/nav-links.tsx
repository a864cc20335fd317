"use client";
// The dashboard menu, highlighting the current section.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { BookOpen, ChartColumn, CreditCard, FlaskConical, KeyRound, LayoutDashboard, ListTree, Settings } from "lucide-react";
import { cn } from "../ui/cn";
import { NAV_ITEMS, type NavItem } from "./nav-items";

const ICONS: Record<NavItem["icon"], typeof LayoutDashboard> = {
  overview: LayoutDashboard,
  keys: KeyRound,
  usage: ChartColumn,
  requests: ListTree,
  playground: FlaskConical,
  billing: CreditCard,
  settings: Settings,
  docs: BookOpen,
};

function isActive(pathname: string, href: string): boolean {
  return href === "/dashboard" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
}

const linkClass = "flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors [&_svg]:size-4 [&_svg]:shrink-0";

/** The section links plus a link to the docs. `onNavigate` closes the mobile menu. */
export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Dashboard" className="flex flex-col gap-0.5">
      {NAV_ITEMS.map((item) => {
        const Icon = ICONS[item.icon];
        const active = isActive(pathname, item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={cn(linkClass, active ? "bg-white/10 text-white" : "text-zinc-400 hover:bg-white/5 hover:text-zinc-100")}
          >
            <Icon aria-hidden className={active ? "text-brand-300" : undefined} />
            {item.label}
          </Link>
        );
      })}
      <div className="my-3 border-t border-white/10" />
      <Link href="/docs" onClick={onNavigate} className={cn(linkClass, "text-zinc-400 hover:bg-white/5 hover:text-zinc-100")}>
        <BookOpen aria-hidden />
        Documentation
      </Link>
    </nav>
  );
}
