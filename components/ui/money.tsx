// A dollar amount as people read it, with the exact nano-dollars on hover.
import type { HTMLAttributes } from "react";
import { formatCost, formatExact, formatMoney } from "@/lib/money-format";

type Props = { nano: bigint; kind?: "balance" | "cost"; signed?: boolean } & Omit<HTMLAttributes<HTMLSpanElement>, "children" | "title">;

/** A balance or spend (to the cent) or a request's cost (six significant digits); `signed` adds "+" to credits. */
export function Money({ nano, kind = "balance", signed = false, ...rest }: Props) {
  const text = kind === "cost" ? formatCost(nano) : formatMoney(nano);
  return <span title={formatExact(nano)} {...rest}>{signed && nano > 0n ? `+${text}` : text}</span>;
}
