// The SIB AI wordmark.
import Link from "next/link";
import { cn } from "../ui/cn";

/** Logo mark and name, linking home. `tone` picks text colours for dark or light backgrounds. */
export function Logo({ tone = "dark", href = "/", className }: { tone?: "dark" | "light"; href?: string; className?: string }) {
  return (
    <Link href={href} className={cn("inline-flex items-center gap-2 rounded-md font-semibold tracking-tight", className)} aria-label="SIB AI home">
      <span aria-hidden className="flex size-7 items-center justify-center rounded-lg bg-gradient-to-br from-brand-400 to-brand-700 text-[13px] font-bold text-white shadow-sm ring-1 ring-white/10">
        S
      </span>
      <span className={cn("text-[15px]", tone === "dark" ? "text-white" : "text-zinc-950")}>
        SIB <span className={tone === "dark" ? "text-brand-300" : "text-brand-600"}>AI</span>
      </span>
    </Link>
  );
}
