// GET /dashboard/requests/[requestId] – one request: timings, tokens, cost and how it was computed, the error.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeft } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Money } from "@/components/ui/money";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { CostBreakdown } from "@/components/usage/cost-breakdown";
import { errorHelp } from "@/components/usage/error-help";
import { statusOf } from "@/components/usage/status";
import { requireUser } from "@/lib/auth/session";
import { requestDetail } from "@/lib/usage/request-detail";

export const metadata: Metadata = { title: "Request" };

const n = (v: number) => v.toLocaleString("en-US");

function Facts({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="divide-y divide-zinc-100 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="flex items-center justify-between gap-4 py-2.5">
          <dt className="text-zinc-600">{label}</dt>
          <dd className="text-right font-medium tabular-nums text-zinc-950">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

// Request detail page.
export default async function RequestPage({ params }: { params: Promise<{ requestId: string }> }) {
  const user = await requireUser();
  const { requestId } = await params;
  const r = await requestDetail(user.id, decodeURIComponent(requestId));
  if (!r) notFound();
  const status = statusOf(r);
  return (
    <>
      <Link href="/dashboard/requests" className="mb-4 inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-900">
        <ChevronLeft className="size-4" aria-hidden /> Request log
      </Link>
      <PageHeader
        title="Request"
        description={
          <span className="flex min-w-0 items-center gap-2">
            <code className="truncate font-mono text-[13px]" data-testid="request-id">{r.requestId}</code>
            <CopyButton value={r.requestId} label="Copy request id" />
          </span>
        }
        actions={<Badge tone={status.tone}>{status.label}</Badge>}
      />
      {r.errorCode ? (
        <Alert tone="error" className="mb-6" title={`HTTP ${r.httpStatus} · ${r.errorCode}`}>
          <span data-testid="error-help">{errorHelp(r.errorCode)}</span> Failed requests are not billed.
        </Alert>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card>
          <CardHeader title="Request" />
          <CardBody className="py-2">
            <Facts rows={[
              ["Time (UTC)", <Time key="t" date={r.createdAt} mode="datetime" />],
              ["Model", r.model ? <code key="m" className="font-mono text-[13px]">{r.model}</code> : "—"],
              ["Key", r.keyName],
              ["API", r.api === "messages" ? "Messages" : "Chat completions"],
              ["Streamed", r.stream ? "Yes" : "No"],
              ["HTTP status", String(r.httpStatus)],
            ]} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Timings and tokens" />
          <CardBody className="py-2">
            <Facts rows={[
              ["Latency", `${n(r.latencyMs)} ms`],
              ["Time to first token", r.ttftMs === null ? "—" : `${n(r.ttftMs)} ms`],
              ["Prompt tokens", n(r.promptTokens)],
              ["of which cached", n(r.cachedTokens)],
              ["Completion tokens", n(r.completionTokens)],
              ["of which reasoning", n(r.reasoningTokens)],
            ]} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Cost" description={r.estimated ? "Tokens estimated locally: the upstream sent no usage" : undefined} />
          <CardBody className="py-2">
            <p className="py-2 text-2xl font-semibold tabular-nums text-zinc-950"><Money nano={r.cost} kind="cost" data-testid="request-cost" /></p>
            <CostBreakdown detail={r} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
