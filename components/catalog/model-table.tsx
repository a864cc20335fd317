// The live model catalog with per-million-token prices.
import type { CatalogModel } from "@/lib/gateway/catalog";
import { formatPerMillion } from "@/lib/money";
import { Table, TBody, TD, TH, THead, TR } from "../ui/table";

function contextLabel(tokens: number): string {
  return tokens >= 1000 ? `${Math.round(tokens / 1000)}K` : String(tokens);
}

/** Model id, description, input and output price per 1M tokens, context window. */
export function ModelTable({ models }: { models: CatalogModel[] }) {
  return (
    <Table label="Models and prices">
      <THead>
        <tr>
          <TH>Model ID</TH>
          <TH className="hidden sm:table-cell">Description</TH>
          <TH className="text-right">Input<span className="sr-only"> price</span> / 1M</TH>
          <TH className="text-right">Output<span className="sr-only"> price</span> / 1M</TH>
          <TH className="hidden text-right sm:table-cell">Context</TH>
        </tr>
      </THead>
      <TBody>
        {models.map((m) => (
          <TR key={m.id}>
            <TD className="whitespace-normal sm:whitespace-nowrap">
              <code className="font-mono text-[13px] font-medium text-zinc-900">{m.id}</code>
              <span className="mt-0.5 block text-xs text-zinc-500 sm:hidden">{m.description}</span>
            </TD>
            <TD className="hidden min-w-52 whitespace-normal text-zinc-600 sm:table-cell">{m.description}</TD>
            <TD className="text-right tabular-nums text-zinc-900">{formatPerMillion(m.inputPrice)}</TD>
            <TD className="text-right tabular-nums text-zinc-900">{formatPerMillion(m.outputPrice)}</TD>
            <TD className="hidden text-right tabular-nums sm:table-cell">{contextLabel(m.contextWindow)}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
