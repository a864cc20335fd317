// GET /dashboard/billing – plan and limits, balance, buying credits, upgrading, and the ledger history.
import type { Metadata } from "next";
import { BalanceCard } from "@/components/billing/balance-card";
import { BillingNotConfigured } from "@/components/billing/not-configured";
import { BuyCreditsForm } from "@/components/billing/buy-credits-form";
import { CheckoutNotice, type CheckoutReturn } from "@/components/billing/checkout-notice";
import { HistoryTable } from "@/components/billing/history-table";
import { PlanCard } from "@/components/billing/plan-card";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { billingAccount, bookedByCheckout } from "@/lib/billing/account";
import { ledgerHistory } from "@/lib/billing/history";
import { TOPUP_MAX_USD, TOPUP_MIN_USD, TOPUP_PRESETS_USD } from "@/lib/billing/stripe/amounts";

export const metadata: Metadata = { title: "Billing" };

type Search = Promise<Record<string, string | string[] | undefined>>;

async function checkoutReturn(userId: string, params: Awaited<Search>): Promise<CheckoutReturn | null> {
  const outcome = params.checkout;
  if (outcome !== "pro" && outcome !== "credits" && outcome !== "canceled") return null;
  const sessionId = typeof params.session_id === "string" ? params.session_id.slice(0, 255) : null;
  const booked = outcome === "credits" && sessionId ? await bookedByCheckout(userId, sessionId) : null;
  return { outcome, booked };
}

// Billing page.
export default async function BillingPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser();
  const params = await searchParams;
  const page = Math.max(1, Math.floor(Number(params.page)) || 1);
  const [account, history, returned] = await Promise.all([billingAccount(user.id), ledgerHistory(user.id, page), checkoutReturn(user.id, params)]);
  const configured = account.missingVariables.length === 0;
  return (
    <>
      <PageHeader title="Billing" description="Your plan and its limits, prepaid credits, and every change to your balance." />
      <div className="space-y-6">
        {returned ? <CheckoutNotice result={returned} account={account} /> : null}
        {configured ? null : <BillingNotConfigured />}
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <PlanCard account={account} configured={configured} />
          </div>
          <BalanceCard account={account} />
        </div>
        <Card id="buy-credits" className="scroll-mt-6">
          <CardHeader title="Buy credits" description="One-time payment through Stripe Checkout. Credits are added as soon as the payment succeeds." />
          <CardBody>
            <BuyCreditsForm presets={TOPUP_PRESETS_USD} min={TOPUP_MIN_USD} max={TOPUP_MAX_USD} disabled={!configured} />
          </CardBody>
        </Card>
        <Card className="scroll-mt-6 overflow-hidden" id="history">
          <CardHeader title="History" description="Grants, credit purchases and adjustments, and API usage as one row per UTC day, counted at the day's end. Each balance is the one below it plus the row's amount, so a day's top row is its closing balance." />
          <HistoryTable history={history} />
        </Card>
      </div>
    </>
  );
}
