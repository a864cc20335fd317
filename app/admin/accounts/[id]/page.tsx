// GET /admin/accounts/:id – one account: balance, plan and limits, keys, usage, requests, ledger, and the operator's actions.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "next/link";
import { AccountActions } from "@/components/admin/account-actions";
import { AccountBadges } from "@/components/admin/account-badges";
import { RequestsTable } from "@/components/admin/requests-table";
import { UsageChart } from "@/components/charts/usage-chart";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { accountDetail } from "@/lib/admin-console/accounts";
import { requireOperator } from "@/lib/admin-console/operator";
import { formatUsd, formatUsdExact } from "@/lib/money";
import { dailySeries } from "@/lib/usage/daily";

export const metadata: Metadata = { title: "Account · Console" };

// Account page.
export default async function AdminAccountPage({ params }: { params: Promise<{ id: string }> }) {
  await requireOperator();
  const { id } = await params;
  const detail = await accountDetail(id);
  if (!detail) notFound();
  const { user, limits, keys, ledger, requests } = detail;
  const series = await dailySeries(user.id, 30, "model");
  const n = (v: number) => v.toLocaleString("en-US");
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/admin/accounts" className="text-brand-700 hover:underline">← Accounts</Link></p>
      <PageHeader title={user.email} description={<>{user.name ? `${user.name} · ` : ""}<span className="font-mono text-xs">{user.id}</span> · joined <Time date={user.createdAt} /></>} actions={<AccountBadges {...user} />} />
      <div className="mb-6 grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
        <Stat label="Balance" value={<span data-testid="account-balance">{formatUsd(user.balance)}</span>} hint={`${formatUsd(user.held)} held by requests in flight`} />
        <Stat label="Plan" value={user.plan.charAt(0) + user.plan.slice(1).toLowerCase()} hint={user.subscriptionStatus ? `Stripe: ${user.subscriptionStatus}` : undefined} />
        <Stat label="Limits" value={`${n(limits.rpm)} rpm`} hint={`${n(limits.tpm)} tokens/min · ${n(limits.concurrent)} concurrent · ${n(limits.maxKeys)} keys`} />
        <Stat label="30-day usage" value={formatUsdExact(series.totals.cost)} hint={`${n(series.totals.requests)} requests · ${n(series.totals.tokens)} tokens`} />
      </div>
      <section aria-label="Actions" className="mb-6"><AccountActions user={user} /></section>
      <Card className="mb-6">
        <CardHeader title="Tokens per day" description="Last 30 days, by model" />
        <CardBody><UsageChart days={series.days} groups={series.groups} values={series.tokens} unit="tokens" summary={`Tokens per day, last 30 days: ${series.totals.tokens} in total.`} /></CardBody>
      </Card>
      <Card className="mb-6 overflow-hidden">
        <CardHeader title="API keys" />
        {keys.length === 0 ? <p className="px-5 py-4 text-sm text-zinc-500">No keys.</p> : (
          <Table label="API keys">
            <THead><tr><TH>Name</TH><TH>Key</TH><TH>Created</TH><TH>Last used</TH><TH>State</TH></tr></THead>
            <TBody>
              {keys.map((k) => (
                <TR key={k.id}>
                  <TD>{k.name || "Unnamed"}</TD>
                  <TD className="font-mono text-xs">{k.prefix}</TD>
                  <TD><Time date={k.createdAt} /></TD>
                  <TD>{k.lastUsedAt ? <Time date={k.lastUsedAt} mode="ago" /> : "Never"}</TD>
                  <TD>{k.revokedAt ? "Revoked" : user.suspendedAt ? "Suspended" : "Live"}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      <Card className="mb-6 overflow-hidden">
        <CardHeader title="Recent requests" description="The latest 20, errors included" action={<Link className="text-sm text-brand-700 hover:underline" href={`/admin/requests?account=${user.id}`}>All requests</Link>} />
        <RequestsTable rows={requests.map((r) => ({ ...r, apiKey: keys.find((k) => k.id === r.apiKeyId) }))} showAccount={false} label="Recent requests" />
      </Card>
      <Card className="overflow-hidden">
        <CardHeader title="Ledger" description="The latest 20 entries; the note is internal" />
        <Table label="Ledger">
          <THead><tr><TH>Time (UTC)</TH><TH>Kind</TH><TH>Customer sees</TH><TH>Operator and note</TH><TH className="text-right">Amount</TH><TH className="text-right">Balance after</TH></tr></THead>
          <TBody>
            {ledger.map((l) => (
              <TR key={l.id.toString()}>
                <TD><Time date={l.createdAt} mode="datetime" /></TD>
                <TD>{l.kind}</TD>
                <TD>{l.description}</TD>
                <TD className="max-w-[18rem] truncate" title={l.note ?? undefined}>{l.operator ? `${l.operator}: ${l.note ?? ""}` : "—"}</TD>
                <TD className="text-right tabular-nums">{formatUsdExact(l.amount)}</TD>
                <TD className="text-right tabular-nums">{formatUsdExact(l.balanceAfter)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
    </>
  );
}
