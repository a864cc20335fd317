// A row of mutually exclusive links (range pickers, split toggles): state lives in the URL.
import Link from "next/link";
import { cn } from "./cn";

/** Links styled as a segmented control; the current option is marked for assistive tech. */
export function Segmented({ label, options, current }: { label: string; options: { value: string; label: string; href: string }[]; current: string }) {
  return (
    <nav aria-label={label} className="inline-flex rounded-lg border border-zinc-200 bg-white p-0.5 shadow-sm">
      {options.map((option) => {
        const active = option.value === current;
        return (
          <Link
            key={option.value}
            href={option.href}
            scroll={false}
            aria-current={active ? "true" : undefined}
            className={cn(
              "rounded-md px-3 py-1.5 text-[13px] font-medium transition-colors",
              active ? "bg-zinc-900 text-white shadow-sm" : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900",
            )}
          >
            {option.label}
          </Link>
        );
      })}
    </nav>
  );
}
