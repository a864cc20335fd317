// The recent-requests log: time, model, key, tokens, cost, latency, status, estimated.
import Link from "next/link";
import { ChevronLeft, ChevronRight, Activity } from "lucide-react";
import type { RequestPage } from "@/lib/usage/requests";
import { formatUsdExact } from "@/lib/money";
import { Badge } from "../ui/badge";
import { buttonClass } from "../ui/button";
import { cn } from "../ui/cn";
import { EmptyState } from "../ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "../ui/table";
import { Time } from "../ui/time";

const STATUS: Record<string, { label: string; tone: "green" | "amber" | "red" }> = {
  ok: { label: "OK", tone: "green" },
  client_closed: { label: "Client closed", tone: "amber" },
  upstream_error: { label: "Upstream error", tone: "red" },
};

function Pager({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  const link = (target: number, label: string, icon: React.ReactNode, disabled: boolean) =>
    disabled ? (
      <span aria-disabled="true" className={cn(buttonClass("secondary", "sm"), "pointer-events-none opacity-40")}>{icon}{label}</span>
    ) : (
      <Link href={href(target)} scroll={false} className={buttonClass("secondary", "sm")}>{icon}{label}</Link>
    );
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3 border-t border-zinc-100 px-4 py-3">
      <p className="text-sm text-zinc-500">Page {page} of {pages}</p>
      <div className="flex gap-2">
        {link(page - 1, "Previous", <ChevronLeft aria-hidden />, page <= 1)}
        {link(page + 1, "Next", <ChevronRight aria-hidden />, page >= pages)}
      </div>
    </nav>
  );
}

/** A page of requests with paging links (`href(page)` builds them). */
export function RequestsTable({ data, href }: { data: RequestPage; href: (page: number) => string }) {
  if (data.total === 0) {
    return <EmptyState icon={<Activity />} title="No requests in this period" description="Calls made with your API keys or the playground show up here within a second." />;
  }
  return (
    <>
      <Table label="Recent requests" data-testid="requests-table">
        <THead>
          <tr>
            <TH>Time (UTC)</TH>
            <TH>Model</TH>
            <TH>Key</TH>
            <TH className="text-right">Input</TH>
            <TH className="text-right">Output</TH>
            <TH className="text-right">Cost</TH>
            <TH className="text-right">Latency</TH>
            <TH>Status</TH>
          </tr>
        </THead>
        <TBody>
          {data.rows.map((r) => {
            const status = STATUS[r.status] ?? { label: r.status, tone: "amber" as const };
            return (
              <TR key={r.requestId} data-request-id={r.requestId}>
                <TD className="tabular-nums"><Time date={r.createdAt} mode="datetime" /></TD>
                <TD><code className="font-mono text-[13px] text-zinc-900">{r.model}</code></TD>
                <TD className="max-w-48 truncate">{r.keyName}</TD>
                <TD className="text-right tabular-nums">{r.promptTokens.toLocaleString("en-US")}</TD>
                <TD className="text-right tabular-nums">{r.completionTokens.toLocaleString("en-US")}</TD>
                <TD className="text-right tabular-nums text-zinc-900" data-cost-nano={r.cost.toString()}>{formatUsdExact(r.cost)}</TD>
                <TD className="text-right tabular-nums">{r.latencyMs.toLocaleString("en-US")} ms</TD>
                <TD>
                  <span className="flex items-center gap-1.5">
                    <Badge tone={status.tone}>{status.label}</Badge>
                    {r.estimated ? <Badge tone="neutral" title="Tokens estimated locally: the upstream sent no usage">Estimated</Badge> : null}
                  </span>
                </TD>
              </TR>
            );
          })}
        </TBody>
      </Table>
      <Pager page={data.page} pages={data.pages} href={href} />
    </>
  );
}
