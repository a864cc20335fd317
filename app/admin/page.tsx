// GET /admin – the overview: traffic, tokens, revenue, errors, latency, the top accounts, models and channels, alerts.
import type { Metadata } from "next";
import Link from "next/link";
import { SeriesChart } from "@/components/admin/series-chart";
import { TopTable } from "@/components/admin/top-table";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Segmented } from "@/components/ui/segmented";
import { Stat } from "@/components/ui/stat";
import { consoleAlerts } from "@/lib/admin-console/alerts";
import { requireOperator } from "@/lib/admin-console/operator";
import { overview } from "@/lib/admin-console/overview";
import { bucketStarts, parseWindow, WINDOWS } from "@/lib/admin-console/windows";
import { Money } from "@/components/ui/money";
import { NANO_PER_USD } from "@/lib/money";
import { formatMoney } from "@/lib/money-format";

export const metadata: Metadata = { title: "Console" };

function label(at: Date, hourly: boolean): string {
  const iso = at.toISOString();
  return hourly ? `${iso.slice(11, 13)}:00` : iso.slice(5, 10);
}

// Overview page.
export default async function AdminOverviewPage({ searchParams }: { searchParams: Promise<{ window?: string }> }) {
  await requireOperator();
  const window = parseWindow((await searchParams).window);
  const [data, alerts] = await Promise.all([overview(window), consoleAlerts()]);
  const hourly = window === "24h";
  const t = data.total;
  const errorRate = t.requests ? (t.errors / t.requests) * 100 : 0;
  // Every hour (or day) of the window on the axis: 0 where there were no requests, no latency point there.
  const byTime = new Map(data.buckets.map((b) => [b.at.getTime(), b]));
  const axis = bucketStarts(data.since, new Date(), hourly ? "hour" : "day");
  const points = (pick: (b: (typeof data.buckets)[number]) => number, second?: (b: (typeof data.buckets)[number]) => number) =>
    axis.map((at) => {
      const b = byTime.get(at.getTime());
      return { label: label(at, hourly), a: b ? pick(b) : second ? null : 0, ...(second && { b: b ? second(b) : null }) };
    });
  return (
    <>
      <PageHeader
        title="Overview"
        description={`The whole install over the last ${window} (since ${data.since.toISOString().slice(0, 13).replace("T", " ")}:00 UTC), in UTC ${hourly ? "hours" : "days"}.`}
        actions={<Segmented label="Window" current={window} options={Object.keys(WINDOWS).map((w) => ({ value: w, label: w, href: `/admin?window=${w}` }))} />}
      />
      {alerts.length ? (
        <section aria-label="Alerts" className="mb-6 space-y-2">
          {alerts.map((a) => (
            <Alert key={a.title} tone={a.tone} title={a.title}>
              {a.detail} {a.href ? <Link className="font-medium underline" href={a.href}>Open</Link> : null}
            </Alert>
          ))}
        </section>
      ) : null}
      <div className="mb-6 grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-5">
        <Stat label="Requests" value={<span data-testid="overview-requests">{t.requests.toLocaleString("en-US")}</span>} />
        <Stat label="Tokens" value={t.tokens.toLocaleString("en-US")} />
        <Stat label="Revenue" value={<Money nano={t.cost} />} hint="usage cost billed" />
        <Stat label="Error rate" value={`${errorRate.toFixed(1)}%`} hint={`${t.errors.toLocaleString("en-US")} failed`} />
        <Stat className="col-span-2 lg:col-span-1" label="Latency p50 / p95" value={`${t.p50} / ${t.p95} ms`} hint="estimated from latency buckets" />
      </div>
      <div className="mb-6 grid gap-4 lg:grid-cols-2">
        <Card><CardHeader title="Requests" /><CardBody><SeriesChart kind="bar" unit="count" names={["Requests"]} points={points((b) => b.requests)} summary={`Requests per ${hourly ? "hour" : "day"}: ${t.requests} in total.`} /></CardBody></Card>
        <Card><CardHeader title="Revenue" /><CardBody><SeriesChart kind="bar" unit="usd" names={["Revenue"]} points={points((b) => Number(b.cost) / Number(NANO_PER_USD))} summary={`Revenue per ${hourly ? "hour" : "day"}: ${formatMoney(t.cost)} in total.`} /></CardBody></Card>
        <Card><CardHeader title="Tokens" /><CardBody><SeriesChart kind="bar" unit="count" names={["Tokens"]} points={points((b) => b.tokens)} summary={`Tokens per ${hourly ? "hour" : "day"}: ${t.tokens} in total.`} /></CardBody></Card>
        <Card><CardHeader title="Latency and errors" description="p50 and p95 latency (ms), estimated from fixed latency buckets (50 ms wide below 300 ms)" /><CardBody><SeriesChart kind="lines" unit="ms" names={["p50", "p95"]} points={points((b) => b.p50, (b) => b.p95)} summary={`Latency p50 ${t.p50} ms, p95 ${t.p95} ms; error rate ${errorRate.toFixed(1)}%.`} /></CardBody></Card>
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <TopTable title="Top accounts" rows={data.topAccounts} href={(id) => `/admin/accounts/${id}`} />
        <TopTable title="Top models" rows={data.topModels} href={(id) => `/admin/requests?model=${encodeURIComponent(id)}`} />
        <TopTable title="Top channels" rows={data.topChannels} href={(id) => `/admin/requests?channel=${encodeURIComponent(id)}`} />
      </div>
    </>
  );
}
