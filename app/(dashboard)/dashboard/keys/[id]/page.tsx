// GET /dashboard/keys/:id – one key: details, limits and permissions, its usage, its recent requests. 404 unless it is yours.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeft } from "lucide-react";
import { KeyActions } from "@/components/keys/key-actions";
import { KeyControlsForm } from "@/components/keys/key-controls-form";
import { KeyExpiry } from "@/components/keys/key-expiry";
import { SpendSummary } from "@/components/keys/spend-summary";
import { UsageChart } from "@/components/charts/usage-chart";
import { RequestsTable } from "@/components/usage/requests-table";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { requireUser } from "@/lib/auth/session";
import { findUserKey } from "@/lib/keys/list";
import { enabledModels } from "@/lib/gateway/catalog";
import { formatMoney } from "@/lib/money-format";
import { dailySeries } from "@/lib/usage/daily";
import { rangeStart } from "@/lib/usage/range";
import { requestLog } from "@/lib/usage/requests";

export const metadata: Metadata = { title: "API key" };

const DAYS = 30;

// Key detail page.
export default async function KeyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ cursor?: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const key = await findUserKey(user.id, id);
  if (!key) notFound();
  const { cursor } = await searchParams;
  const [series, requests, catalog] = await Promise.all([
    dailySeries(user.id, DAYS, "model", key.id),
    requestLog(user.id, { since: rangeStart(DAYS), keyId: key.id }, cursor),
    enabledModels(),
  ]);
  return (
    <>
      <Link href="/dashboard/keys" className="mb-4 inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-900">
        <ChevronLeft className="size-4" aria-hidden /> API keys
      </Link>
      <PageHeader title={key.name} description={<><code className="font-mono">{key.prefix}</code><KeyExpiry expiresAt={key.controls.expiresAt} className="ml-2" /></>} actions={<KeyActions id={key.id} name={key.name} afterRevoke="/dashboard/keys" />} />
      <div className="mb-6 grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-5">
        {[
          ["Created", <Time key="c" date={key.createdAt} />],
          ["Last used", key.lastUsedAt ? <Time key="l" date={key.lastUsedAt} mode="ago" /> : "Never"],
          [`Requests, ${DAYS} days`, series.totals.requests.toLocaleString("en-US")],
          [`Spend, ${DAYS} days`, formatMoney(series.totals.cost)],
          ["Spend limit", <SpendSummary key="s" controls={key.controls} />],
        ].map(([label, value]) => (
          <Card key={String(label)} className="min-w-0 px-4 py-4 sm:px-5">
            <p className="text-sm text-zinc-500">{label}</p>
            <p className="mt-1 font-medium tabular-nums text-zinc-950">{value}</p>
          </Card>
        ))}
      </div>
      <Card className="mb-6">
        <CardHeader title="Limits and permissions" description="What this key may spend, until when, which models it may call and from where." />
        <CardBody>
          <KeyControlsForm keyId={key.id} controls={key.controls} models={catalog.map((m) => ({ id: m.id, provider: m.provider }))} />
        </CardBody>
      </Card>
      <Card className="mb-6">
        <CardHeader title="Tokens per day" description={`Last ${DAYS} days, by model`} />
        <CardBody>
          <UsageChart days={series.days} groups={series.groups} values={series.tokens} unit="tokens" summary={`Tokens per day for this key over the last ${DAYS} days: ${series.totals.tokens} tokens in ${series.totals.requests} requests.`} />
        </CardBody>
      </Card>
      <Card className="overflow-hidden">
        <CardHeader title="Recent requests" description={`Last ${DAYS} days, this key only`} />
        <RequestsTable data={requests} href={(next) => `/dashboard/keys/${key.id}${next ? `?cursor=${next}` : ""}`} paged={Boolean(cursor)} />
      </Card>
    </>
  );
}
