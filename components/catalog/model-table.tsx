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
          <TH>Description</TH>
          <TH className="text-right">Input / 1M tokens</TH>
          <TH className="text-right">Output / 1M tokens</TH>
          <TH className="text-right">Context</TH>
        </tr>
      </THead>
      <TBody>
        {models.map((m) => (
          <TR key={m.id}>
            <TD><code className="font-mono text-[13px] font-medium text-zinc-900">{m.id}</code></TD>
            <TD className="min-w-64 whitespace-normal text-zinc-600">{m.description}</TD>
            <TD className="text-right tabular-nums text-zinc-900">{formatPerMillion(m.inputPrice)}</TD>
            <TD className="text-right tabular-nums text-zinc-900">{formatPerMillion(m.outputPrice)}</TD>
            <TD className="text-right tabular-nums">{contextLabel(m.contextWindow)}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
