// "$1.23 of $5.00 today": what a key has spent against its limit in the current period.
import type { KeyControlsView } from "@/lib/keys/list";
import { formatMoney } from "@/lib/money-format";
import { cn } from "../ui/cn";

const PERIOD = { DAY: "today", MONTH: "this month", TOTAL: "in total" } as const;

/** The key's spend against its limit, amber from 80 %; "No limit" without one. */
export function SpendSummary({ controls, className }: { controls: KeyControlsView; className?: string }) {
  if (!controls.spendLimit || !controls.spendPeriod) return <span className={cn("text-zinc-500", className)}>No limit</span>;
  const limit = BigInt(controls.spendLimit);
  const spent = BigInt(controls.spent);
  const near = spent * 5n >= limit * 4n;
  return (
    <span className={cn("tabular-nums", near ? "font-medium text-amber-700" : "text-zinc-700", className)} data-testid="key-spend">
      {formatMoney(spent)} of {formatMoney(limit)} {PERIOD[controls.spendPeriod]}
    </span>
  );
}
