// GET /dashboard/billing – plan and limits, balance, low-balance alert and auto top-up, buying credits,
// upgrading, the ledger history with receipts, invoices and billing details.
import type { Metadata } from "next";
import { AutoTopupForm } from "@/components/billing/auto-topup-form";
import { BalanceCard } from "@/components/billing/balance-card";
import { BillingDetailsView } from "@/components/billing/billing-details";
import { InvoiceList } from "@/components/billing/invoice-list";
import { LowBalanceForm } from "@/components/billing/low-balance-form";
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
import { spendSettings } from "@/lib/billing/alerts/settings";
import { receiptUrls, recentInvoices } from "@/lib/billing/receipts";
import { formatUsd } from "@/lib/money";
import { TOPUP_MAX_USD, TOPUP_MIN_USD, TOPUP_PRESETS_USD } from "@/lib/billing/stripe/amounts";

export const metadata: Metadata = { title: "Billing" };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** A whole-cent amount as the plain text a dollar field holds ("12.50"); empty for none. */
function dollarText(nano: bigint | null): string {
  return nano === null ? "" : formatUsd(nano).replace("$", "");
}

async function checkoutReturn(userId: string, params: Awaited<Search>): Promise<CheckoutReturn | null> {
  const outcome = params.checkout;
  if (outcome !== "pro" && outcome !== "credits" && outcome !== "card" && outcome !== "canceled") return null;
  const sessionId = typeof params.session_id === "string" ? params.session_id.slice(0, 255) : null;
  const booked = outcome === "credits" && sessionId ? await bookedByCheckout(userId, sessionId) : null;
  return { outcome, booked };
}

// Billing page.
export default async function BillingPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser();
  const params = await searchParams;
  const page = Math.max(1, Math.floor(Number(params.page)) || 1);
  const [account, history, returned, settings, invoices] = await Promise.all([
    billingAccount(user.id), ledgerHistory(user.id, page), checkoutReturn(user.id, params), spendSettings(user.id), recentInvoices(user.id),
  ]);
  const receipts = Object.fromEntries(await receiptUrls(user.id, history.rows.filter((r) => r.kind === "TOPUP").map((r) => r.reference)));
  const configured = account.missingVariables.length === 0;
  const { autoTopup } = settings;
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
        <div className="grid gap-6 lg:grid-cols-5">
          <Card className="lg:col-span-2">
            <CardHeader title="Low-balance alert" description="A banner on every page and one e-mail when your balance falls below this, and one when it reaches zero." />
            <CardBody>
              <LowBalanceForm current={dollarText(settings.lowBalanceThreshold)} below={account.balance < settings.lowBalanceThreshold} />
            </CardBody>
          </Card>
          <Card id="auto-top-up" className="scroll-mt-6 lg:col-span-3">
            <CardHeader title="Auto top-up" description="Keep your API calls running: add credits with your saved card whenever your balance falls below a line you choose." />
            <CardBody>
              <AutoTopupForm
                enabled={autoTopup.enabled} hasCard={autoTopup.hasCard} below={dollarText(autoTopup.below)} amount={dollarText(autoTopup.amount)}
                disabled={!configured} min={TOPUP_MIN_USD} max={TOPUP_MAX_USD}
              />
            </CardBody>
          </Card>
        </div>
        <Card id="buy-credits" className="scroll-mt-6">
          <CardHeader title="Buy credits" description="One-time payment through Stripe Checkout. Credits are added as soon as the payment succeeds." />
          <CardBody>
            <BuyCreditsForm presets={TOPUP_PRESETS_USD} min={TOPUP_MIN_USD} max={TOPUP_MAX_USD} disabled={!configured} />
          </CardBody>
        </Card>
        <Card className="scroll-mt-6 overflow-hidden" id="history">
          <CardHeader title="History" description="Grants, credit purchases and adjustments, and API usage as one row per UTC day, counted at the day's end. Each balance is the one below it plus the row's amount, so a day's top row is its closing balance." />
          <HistoryTable history={history} receipts={receipts} />
        </Card>
        <div className={invoices.length ? "grid gap-6 lg:grid-cols-2" : undefined}>
          <Card>
            <CardHeader title="Billing details" description="Collected at checkout; shown on your receipts and invoices." />
            <CardBody>
              <BillingDetailsView details={settings.billingDetails} />
            </CardBody>
          </Card>
          {invoices.length ? (
            <Card>
              <CardHeader title="Invoices" description="Paid subscription invoices, hosted by Stripe." />
              <CardBody className="py-1">
                <InvoiceList invoices={invoices} />
              </CardBody>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
