// GET /admin/requests/:requestId – one request: timings, tokens (cached, reasoning), cost, channel, error.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "next/link";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { requireOperator } from "@/lib/admin-console/operator";
import { requestDetail } from "@/lib/admin-console/requests";
import { formatUsdExact } from "@/lib/money";

export const metadata: Metadata = { title: "Request · Console" };

// Request detail page.
export default async function AdminRequestPage({ params }: { params: Promise<{ requestId: string }> }) {
  await requireOperator();
  const r = await requestDetail(decodeURIComponent((await params).requestId));
  if (!r) notFound();
  const n = (v: number) => v.toLocaleString("en-US");
  const rows: [string, React.ReactNode][] = [
    ["Time (UTC)", <Time key="t" date={r.createdAt} mode="datetime" />],
    ["Account", <Link key="a" className="text-brand-700 hover:underline" href={`/admin/accounts/${r.user.id}`}>{r.user.email}</Link>],
    ["Key", `${r.apiKey.name || "Unnamed"} (${r.apiKey.prefix})`],
    ["API", r.api],
    ["Model", `${r.model} via ${r.provider}`],
    ["Channel", r.channel ?? "none reached"],
    ["Status", `${r.status} · HTTP ${r.httpStatus}${r.errorCode ? ` · ${r.errorCode}` : ""}`],
    ["Streamed", r.stream ? "yes" : "no"],
    ["Latency", `${n(r.latencyMs)} ms total${r.ttftMs !== null ? ` · first token after ${n(r.ttftMs)} ms` : ""}`],
    ["Prompt tokens", `${n(r.promptTokens)} (${n(r.cachedTokens)} cached)`],
    ["Completion tokens", `${n(r.completionTokens)} (${n(r.reasoningTokens)} reasoning)`],
    ["Cost", `${formatUsdExact(r.cost)}${r.estimated ? " (estimated: the upstream sent no usage)" : ""}`],
  ];
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/admin/requests" className="text-brand-700 hover:underline">← Requests</Link></p>
      <PageHeader title="Request" description={<span className="break-all font-mono text-xs">{r.requestId}</span>} />
      <Card>
        <CardHeader title="Details" />
        <CardBody>
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]">
            {rows.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-sm font-medium text-zinc-500">{label}</dt>
                <dd className="text-sm text-zinc-900" data-testid={`request-${label.toLowerCase().replace(/[^a-z]+/g, "-")}`}>{value}</dd>
              </div>
            ))}
          </dl>
        </CardBody>
      </Card>
    </>
  );
}
