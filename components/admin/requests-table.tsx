// The console's request rows: time, account, key, model (with its API when not chat), channel, tokens, cost, latency, status.
import Link from "next/link";
import { formatUsdExact } from "@/lib/money";
import { Badge } from "../ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "../ui/table";
import { Time } from "../ui/time";

export type ConsoleRequestRow = {
  requestId: string; createdAt: Date; model: string; api: string; channel: string | null; status: string; httpStatus: number;
  promptTokens: number; completionTokens: number; cost: bigint; latencyMs: number;
  user?: { email: string }; apiKey?: { name: string; prefix: string };
};

/** A table of requests, each linking to its detail; `showAccount` adds the account column. */
export function RequestsTable({ rows, showAccount = true, label }: { rows: ConsoleRequestRow[]; showAccount?: boolean; label: string }) {
  if (rows.length === 0) return <p className="px-5 py-6 text-sm text-zinc-500">No requests match.</p>;
  return (
    <Table label={label}>
      <THead>
        <tr>
          <TH>Time (UTC)</TH>{showAccount ? <TH>Account</TH> : null}<TH>Key</TH><TH>Model</TH><TH>Channel</TH>
          <TH className="text-right">Tokens</TH><TH className="text-right">Cost</TH><TH className="text-right">Latency</TH><TH>Status</TH>
        </tr>
      </THead>
      <TBody>
        {rows.map((r) => (
          <TR key={r.requestId}>
            <TD><Link href={`/admin/requests/${encodeURIComponent(r.requestId)}`} className="text-brand-700 hover:underline"><Time date={r.createdAt} mode="datetime" /></Link></TD>
            {showAccount ? <TD className="max-w-[14rem] truncate">{r.user?.email}</TD> : null}
            <TD>{r.apiKey ? `${r.apiKey.name || "Unnamed"} (${r.apiKey.prefix})` : ""}</TD>
            <TD>{r.model}{r.api === "messages" ? <> <Badge tone="neutral" title="Anthropic Messages API (/v1/messages)">Messages</Badge></> : null}</TD>
            <TD>{r.channel ?? "—"}</TD>
            <TD className="text-right tabular-nums">{(r.promptTokens + r.completionTokens).toLocaleString("en-US")}</TD>
            <TD className="text-right tabular-nums">{formatUsdExact(r.cost)}</TD>
            <TD className="text-right tabular-nums">{r.latencyMs.toLocaleString("en-US")} ms</TD>
            <TD><Badge tone={r.status === "ok" ? "green" : "red"}>{r.status === "ok" ? r.httpStatus : `${r.httpStatus} ${r.status}`}</Badge></TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
