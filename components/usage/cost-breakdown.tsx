// How a request's cost was computed: tokens × the model's per-million prices.
import type { RequestDetail } from "@/lib/usage/request-detail";
import { formatPerMillion, tokenCost } from "@/lib/money";
import { formatCost } from "@/lib/money-format";

/** The lines of the bill; says so when today's prices no longer give the billed amount. */
export function CostBreakdown({ detail }: { detail: RequestDetail }) {
  if (detail.status === "error") return <p className="pb-2 text-sm text-zinc-600">Failed requests cost nothing.</p>;
  const price = detail.price;
  if (!price) return <p className="pb-2 text-sm text-zinc-600">The model is no longer in the catalog.</p>;
  const cached = price.cachedInput !== null ? Math.min(detail.cachedTokens, detail.promptTokens) : 0;
  const lines: [string, bigint, number][] = [
    ["input", price.input, detail.promptTokens - cached],
    ...(cached > 0 && price.cachedInput !== null ? [["cached input", price.cachedInput, cached] as [string, bigint, number]] : []),
    ["output", price.output, detail.completionTokens],
  ];
  const recomputed = tokenCost(detail, { inputPrice: price.input, outputPrice: price.output, cachedInputPrice: price.cachedInput });
  return (
    <div className="pb-2 text-sm text-zinc-600">
      <ul className="space-y-1 font-mono text-[12.5px]" data-testid="cost-lines">
        {lines.map(([label, perToken, tokens]) => (
          <li key={label}>{tokens.toLocaleString("en-US")} {label} × {formatPerMillion(perToken)}/1M = {formatCost(perToken * BigInt(tokens))}</li>
        ))}
      </ul>
      {recomputed !== detail.cost ? <p className="mt-2">Billed at the prices of the time of the request; today&apos;s prices would give {formatCost(recomputed)}.</p> : null}
    </div>
  );
}
