// The current plan, its limits per key, and the way up (checkout), around (portal) or out (contact).
import { Mail } from "lucide-react";
import type { BillingAccount } from "@/lib/billing/account";
import { env } from "@/lib/env";
import { PLAN_LIMITS } from "@/lib/limits/plans";
import { portalAction, upgradeAction } from "@/app/(dashboard)/dashboard/billing/actions";
import { planName } from "../catalog/plans";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { LinkButton } from "../ui/button";
import { Card, CardBody, CardHeader } from "../ui/card";
import { RedirectButton } from "./redirect-button";

const n = (v: number) => v.toLocaleString("en-US");

const PLAN_LINES: Record<BillingAccount["plan"], string> = {
  FREE: "$0 per month · usage is paid from your credits",
  PRO: "$20 per month, billed through Stripe · usage is paid from your credits",
  ENTERPRISE: "Limits and invoicing by contract",
};

const STATUS: Record<string, { label: string; tone: "green" | "amber" | "neutral" | "red" }> = {
  active: { label: "Active", tone: "green" },
  trialing: { label: "Trial", tone: "green" },
  past_due: { label: "Payment past due", tone: "amber" },
  unpaid: { label: "Unpaid", tone: "red" },
  canceled: { label: "Canceled", tone: "neutral" },
};

function Limit({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="rounded-lg border border-zinc-100 bg-zinc-50/70 px-4 py-3">
      <dt className="text-xs font-medium text-zinc-500">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums text-zinc-950">{value}</dd>
      <dd className="text-xs text-zinc-500">{hint}</dd>
    </div>
  );
}

/** The plan card; buttons are disabled when billing is not configured. */
export function PlanCard({ account, configured }: { account: BillingAccount; configured: boolean }) {
  const { plan, limits, subscriptionStatus } = account;
  const status = plan === "PRO" && subscriptionStatus ? STATUS[subscriptionStatus] : undefined;
  const pro = PLAN_LIMITS.PRO;
  return (
    <Card className="h-full">
      <CardHeader id="plan-heading" title="Current plan" description="Limits apply to each API key and take effect on the next request after a change." />
      <CardBody className="space-y-5">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <p className="text-2xl font-semibold tracking-tight text-zinc-950" data-testid="current-plan">{planName(plan)}</p>
          {status ? <Badge tone={status.tone}>{status.label}</Badge> : null}
          <p className="w-full text-sm text-zinc-500">{PLAN_LINES[plan]}</p>
        </div>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Limit label="Requests" value={n(limits.rpm)} hint="per minute" />
          <Limit label="Tokens" value={n(limits.tpm)} hint="per minute" />
          <Limit label="Concurrent" value={n(limits.concurrent)} hint={limits.concurrent === 1 ? "request at a time" : "requests at a time"} />
          <Limit label="API keys" value={n(limits.maxKeys)} hint="live keys" />
        </dl>
        {plan === "PRO" && subscriptionStatus === "past_due" ? (
          <Alert tone="warning" title="Your last payment failed">
            Stripe will retry your card over the next days and you keep Pro meanwhile. Update your payment method in the customer portal to avoid a downgrade.
          </Alert>
        ) : null}
        {plan === "FREE" ? (
          <div className="flex flex-col gap-4 rounded-xl border border-brand-100 bg-brand-50/60 p-4 sm:flex-row sm:items-center sm:justify-between">
            <div className="text-sm">
              <p className="font-semibold text-zinc-950">Pro · $20 per month</p>
              <p className="mt-0.5 text-zinc-600">{n(pro.rpm)} requests and {n(pro.tpm)} tokens per minute, {pro.concurrent} concurrent requests, up to {pro.maxKeys} keys. Cancel any time.</p>
            </div>
            <RedirectButton action={upgradeAction} label="Upgrade to Pro" disabled={!configured} />
          </div>
        ) : null}
        {plan === "PRO" ? (
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-sm text-zinc-600">Change your card, download invoices or cancel in Stripe&apos;s customer portal.</p>
            <RedirectButton action={portalAction} label="Manage subscription" variant="secondary" disabled={!configured || !account.hasStripeCustomer} />
          </div>
        ) : null}
        {plan === "ENTERPRISE" ? (
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-sm text-zinc-600">Your limits are set by contract. To change them or your invoicing, contact us.</p>
            <LinkButton href={env().SALES_CONTACT} variant="secondary"><Mail aria-hidden /> Contact us</LinkButton>
          </div>
        ) : null}
      </CardBody>
    </Card>
  );
}
