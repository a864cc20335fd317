// GET /dashboard/usage – tokens and cost per day by model or key, the request log, CSV export.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Download } from "lucide-react";
import { UsageChart } from "@/components/charts/usage-chart";
import { RequestsTable } from "@/components/usage/requests-table";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Segmented } from "@/components/ui/segmented";
import { Stat } from "@/components/ui/stat";
import { requireUser } from "@/lib/auth/session";
import { findUserKey } from "@/lib/keys/list";
import { Money } from "@/components/ui/money";
import { formatMoney } from "@/lib/money-format";
import { dailySeries, type SplitBy } from "@/lib/usage/daily";
import { parseRange, rangeStart, RANGES } from "@/lib/usage/range";
import { requestLog } from "@/lib/usage/requests";

export const metadata: Metadata = { title: "Usage" };

type Search = { range?: string; split?: string; cursor?: string; key?: string };

function query(current: Search, change: Partial<Search>): string {
  const merged = { ...current, ...change };
  const params = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => Boolean(e[1])));
  return `/dashboard/usage?${params}`;
}

// Usage page.
export default async function UsagePage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const search = await searchParams;
  const days = parseRange(search.range);
  const split: SplitBy = search.split === "key" ? "key" : "model";
  const key = search.key ? await findUserKey(user.id, search.key) : null;
  if (search.key && !key) notFound();
  const [series, requests] = await Promise.all([
    dailySeries(user.id, days, split, key?.id),
    requestLog(user.id, { since: rangeStart(days), keyId: key?.id }, search.cursor),
  ]);
  const current: Search = { range: String(days), split, key: key?.id };
  const exportHref = `/api/usage/export?range=${days}${key ? `&key=${key.id}` : ""}`;
  const by = split === "model" ? "by model" : "by key";
  return (
    <>
      <PageHeader
        title="Usage"
        description={key ? <>Showing key <strong>{key.name}</strong> only.</> : "Tokens, cost and requests across all your keys and the playground. Days are UTC."}
        actions={
          <>
            <Segmented label="Period" current={String(days)} options={RANGES.map((r) => ({ value: String(r), label: `${r} days`, href: query(current, { range: String(r), cursor: undefined }) }))} />
            <a href={exportHref} className={buttonClass("secondary", "md")} download>
              <Download aria-hidden /> Export CSV
            </a>
          </>
        }
      />
      <div className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4">
        <Stat label={`Requests, ${days} days`} value={<span data-testid="total-requests">{series.totals.requests.toLocaleString("en-US")}</span>} />
        <Stat label={`Tokens, ${days} days`} value={<span data-testid="total-tokens">{series.totals.tokens.toLocaleString("en-US")}</span>} />
        <Stat className="col-span-2 sm:col-span-1" label={`Spend, ${days} days`} value={<Money data-testid="total-cost" data-nano={series.totals.cost.toString()} nano={series.totals.cost} />} />
      </div>
      <div className="mb-4 flex items-center justify-between gap-3">
        <h2 className="text-[15px] font-semibold text-zinc-950">Daily usage</h2>
        <Segmented
          label="Split charts"
          current={split}
          options={[
            { value: "model", label: "By model", href: query(current, { split: "model" }) },
            { value: "key", label: "By key", href: query(current, { split: "key" }) },
          ]}
        />
      </div>
      <div className="mb-6 grid gap-6 xl:grid-cols-2">
        <Card>
          <CardHeader title="Tokens per day" description={`Input + output, ${by}`} />
          <CardBody>
            <UsageChart days={series.days} groups={series.groups} values={series.tokens} unit="tokens" summary={`Tokens per day ${by}, last ${days} days: ${series.totals.tokens} tokens in total.`} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Cost per day" description={`US dollars, ${by}`} />
          <CardBody>
            <UsageChart days={series.days} groups={series.groups} values={series.cost} unit="usd" summary={`Cost per day ${by}, last ${days} days: ${formatMoney(series.totals.cost)} in total.`} />
          </CardBody>
        </Card>
      </div>
      <Card className="overflow-hidden">
        <CardHeader title="Requests" description={`Last ${days} days, newest first`} action={<Link href={key ? `/dashboard/requests?key=${key.id}` : "/dashboard/requests"} className="text-sm font-medium text-brand-700 hover:underline">Search and filter</Link>} />
        <RequestsTable data={requests} href={(cursor) => query(current, { cursor })} paged={Boolean(search.cursor)} />
      </Card>
    </>
  );
}
