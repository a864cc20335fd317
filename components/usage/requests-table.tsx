// The request log table: time, model (and the Messages badge for /v1/messages), key, tokens, cost, latency, status (with the error code),
// each row linking to its detail; "Older" pages by keyset.
import Link from "next/link";
import { Activity, ChevronRight, RotateCcw } from "lucide-react";
import type { RequestPage } from "@/lib/usage/requests";
import { Badge } from "../ui/badge";
import { LinkButton } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { Money } from "../ui/money";
import { Table, TBody, TD, TH, THead, TR } from "../ui/table";
import { Time } from "../ui/time";
import { statusOf } from "./status";

type Props = {
  data: RequestPage;
  /** The link to the page after `cursor`, or (no cursor) to the newest page. */
  href: (cursor?: string) => string;
  /** Whether this page is not the newest one. */
  paged: boolean;
  empty?: string;
};

/** A page of requests with "Newest" and "Older" links. */
export function RequestsTable({ data, href, paged, empty = "Calls made with your API keys or the playground show up here within a second, failed ones too." }: Props) {
  if (data.rows.length === 0 && !paged) {
    return <EmptyState icon={<Activity />} title="No requests found" description={empty} />;
  }
  return (
    <>
      <Table label="Requests" data-testid="requests-table">
        <THead>
          <tr>
            <TH>Time (UTC)</TH>
            <TH className="hidden sm:table-cell">Status</TH>
            <TH className="hidden sm:table-cell">Model</TH>
            <TH className="hidden md:table-cell">Key</TH>
            <TH className="hidden text-right sm:table-cell">Tokens</TH>
            <TH className="text-right">Cost</TH>
            <TH className="hidden text-right sm:table-cell">Latency</TH>
          </tr>
        </THead>
        <TBody>
          {data.rows.map((r) => {
            const status = statusOf(r);
            return (
              <TR key={r.requestId} data-request-id={r.requestId} data-status={r.status} className="relative">
                <TD className="tabular-nums">
                  {/* The whole row opens the detail (the link's box covers the row). */}
                  <Link href={`/dashboard/requests/${r.requestId}`} className="font-medium text-zinc-900 hover:text-brand-700 hover:underline after:absolute after:inset-0" aria-label={`Details of ${r.requestId}`}>
                    <Time date={r.createdAt} mode="datetime" />
                  </Link>
                  <div className="mt-1 flex items-center gap-1.5 text-xs text-zinc-500 sm:hidden"><Badge tone={status.tone}>{status.label}</Badge> {r.errorCode ?? r.model}{r.api === "messages" ? " · Messages" : ""}</div>
                </TD>
                <TD className="hidden sm:table-cell">
                  <span className="flex items-center gap-1.5">
                    <Badge tone={status.tone}>{status.label}</Badge>
                    {r.errorCode ? <code className="hidden font-mono text-xs text-zinc-600 sm:inline" data-testid="error-code">{r.errorCode}</code> : null}
                    {r.estimated ? <Badge tone="neutral" title="Tokens estimated locally: the upstream sent no usage">Estimated</Badge> : null}
                  </span>
                </TD>
                <TD className="hidden sm:table-cell">
                  <span className="flex items-center gap-1.5">
                    {r.model ? <code className="font-mono text-[13px] text-zinc-900">{r.model}</code> : <span className="text-zinc-400">—</span>}
                    {r.api === "messages" ? <Badge tone="neutral" title="Called through the Anthropic Messages API (/v1/messages)">Messages</Badge> : null}
                  </span>
                </TD>
                <TD className="hidden max-w-32 truncate md:table-cell" title={r.keyName}>{r.keyName}</TD>
                <TD className="hidden text-right tabular-nums sm:table-cell" title="Prompt / completion tokens">{r.promptTokens.toLocaleString("en-US")} / {r.completionTokens.toLocaleString("en-US")}</TD>
                <TD className="text-right tabular-nums text-zinc-900" data-cost-nano={r.cost.toString()}><Money nano={r.cost} kind="cost" /></TD>
                <TD className="hidden text-right tabular-nums sm:table-cell">{r.latencyMs.toLocaleString("en-US")} ms</TD>
              </TR>
            );
          })}
        </TBody>
      </Table>
      <nav aria-label="Pages" className="flex items-center justify-between gap-3 border-t border-zinc-100 px-4 py-3">
        <p className="text-sm text-zinc-500">{data.rows.length} {data.rows.length === 1 ? "request" : "requests"} on this page</p>
        <div className="flex gap-2">
          {paged ? <LinkButton href={href()} variant="secondary" size="sm"><RotateCcw aria-hidden /> Newest</LinkButton> : null}
          {data.next ? <LinkButton href={href(data.next)} variant="secondary" size="sm">Older <ChevronRight aria-hidden /></LinkButton> : null}
        </div>
      </nav>
    </>
  );
}
