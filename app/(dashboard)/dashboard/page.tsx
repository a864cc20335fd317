// GET /dashboard – overview: balance, plan and limits, this month, 30-day chart, first call.
import type { Metadata } from "next";
import Link from "next/link";
import { Activity, ChevronDown, Coins, Sparkles, Wallet } from "lucide-react";
import { planName } from "@/components/catalog/plans";
import { UsageChart } from "@/components/charts/usage-chart";
import { firstCallSnippets } from "@/components/snippets/code";
import { SnippetTabs } from "@/components/snippets/snippet-tabs";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { requireUser } from "@/lib/auth/session";
import { publicUrl } from "@/lib/env";
import { listKeys } from "@/lib/keys/list";
import { Money } from "@/components/ui/money";
import { formatMoney } from "@/lib/money-format";
import { dailySeries } from "@/lib/usage/daily";
import { accountSummary } from "@/lib/usage/summary";

export const metadata: Metadata = { title: "Overview" };

const n = (v: number | bigint) => v.toLocaleString("en-US");

// Overview page.
export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ welcome?: string; verified?: string }> }) {
  const user = await requireUser();
  const [summary, series, keys, { welcome, verified }] = await Promise.all([accountSummary(user.id), dailySeries(user.id, 30, "model"), listKeys(user.id), searchParams]);
  const available = summary.balance - summary.held;
  const limits = summary.limits;
  return (
    <>
      <PageHeader
        title={user.name ? `Welcome, ${user.name.split(" ")[0]}` : "Overview"}
        description="Your balance, plan and usage at a glance."
        actions={
          <>
            <LinkButton href="/dashboard/billing" variant="secondary">Add credits</LinkButton>
            <LinkButton href="/dashboard/keys">{keys.length ? "Manage keys" : "Create API key"}</LinkButton>
          </>
        }
      />
      {welcome ? (
        <Alert tone="success" className="mb-6" title="Your account is ready">
          Create an API key and make your first call below. Your free credits arrive when you confirm your e-mail address.
        </Alert>
      ) : null}
      {verified ? (
        <Alert tone="success" className="mb-6" title="E-mail address confirmed">
          Your balance is now <Money nano={summary.balance} />. Create an API key and make your first call below.
        </Alert>
      ) : null}
      <div className="mb-6 grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4">
        <Stat
          label="Balance"
          icon={<Wallet />}
          value={<Money data-testid="balance" data-nano={summary.balance.toString()} nano={summary.balance} />}
          hint={summary.held > 0n ? `${formatMoney(available)} available, ${formatMoney(summary.held)} reserved by requests in flight` : "Prepaid credits, billed per token"}
        />
        <Stat label="Spend this month" icon={<Coins />} value={<Money data-testid="month-spend" nano={summary.month.spend} />} hint={`${n(summary.month.tokens)} tokens`} />
        <Stat label="Requests this month" icon={<Activity />} value={<span data-testid="month-requests">{n(summary.month.requests)}</span>} hint="UTC calendar month" />
        <Stat label="Plan" icon={<Sparkles />} value={planName(summary.plan)} hint={summary.plan === "FREE" ? <Link href="/dashboard/billing" className="font-medium text-brand-700 hover:underline">Upgrade to Pro</Link> : "Thanks for your support"} />
      </div>
      <div className="mb-6 grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="Spend, last 30 days" description="Per day, by model" action={<Link href="/dashboard/usage" className="text-sm font-medium text-brand-700 hover:underline">View usage</Link>} />
          <CardBody>
            <UsageChart days={series.days} groups={series.groups} values={series.cost} unit="usd" summary={`Spend per day over the last 30 days: ${formatMoney(series.totals.cost)} in ${series.totals.requests} requests.`} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Plan limits" description="Per API key" action={<Badge tone="brand">{planName(summary.plan)}</Badge>} />
          <CardBody className="py-2">
            <dl className="divide-y divide-zinc-100 text-sm">
              {[
                ["Requests per minute", n(limits.rpm)],
                ["Tokens per minute", n(limits.tpm)],
                ["Concurrent requests", n(limits.concurrent)],
                ["API keys", `${keys.length} of ${limits.maxKeys}`],
              ].map(([label, value]) => (
                <div key={label} className="flex items-center justify-between py-3">
                  <dt className="text-zinc-600">{label}</dt>
                  <dd className="font-medium tabular-nums text-zinc-950">{value}</dd>
                </div>
              ))}
            </dl>
          </CardBody>
        </Card>
      </div>
      <Card>
        {/* Open until the account has made a call; then it folds away to one line. */}
        <details open={!summary.hasCalled} className="group" data-testid="first-call">
          <summary className="flex cursor-pointer list-none items-center justify-between gap-3 px-5 py-4 [&::-webkit-details-marker]:hidden">
            <span>
              <span className="block text-[15px] font-semibold text-zinc-950">{summary.hasCalled ? "Call the API" : "Make your first call"}</span>
              <span className="mt-0.5 block text-sm text-zinc-500">Base URL <code className="code-inline">{publicUrl()}/v1</code></span>
            </span>
            <ChevronDown className="size-4 shrink-0 text-zinc-500 transition-transform group-open:rotate-180" aria-hidden />
          </summary>
          <CardBody className="border-t border-zinc-100">
            <p className="mb-3 text-sm text-zinc-600">Replace the key with one from <Link href="/dashboard/keys" className="font-medium text-brand-700 hover:underline">API keys</Link>.</p>
            <SnippetTabs snippets={firstCallSnippets(publicUrl())} />
          </CardBody>
        </details>
      </Card>
    </>
  );
}
