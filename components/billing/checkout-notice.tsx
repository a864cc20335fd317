// What the billing page says when Stripe Checkout sends the person back.
import type { BillingAccount } from "@/lib/billing/account";
import { formatMoney } from "@/lib/money-format";
import { Alert } from "../ui/alert";

export type CheckoutReturn = { outcome: "pro" | "credits" | "card" | "canceled"; booked: bigint | null };

/** A success, pending or canceled notice for the outcome in the URL. */
export function CheckoutNotice({ result, account }: { result: CheckoutReturn; account: BillingAccount }) {
  if (result.outcome === "canceled") return <Alert tone="info" title="Checkout canceled">You were not charged.</Alert>;
  if (result.outcome === "card") {
    return <Alert tone="success" title="Card saved">Auto top-up is on as soon as Stripe confirms the card, usually within seconds.</Alert>;
  }
  if (result.outcome === "pro") {
    return account.plan === "PRO"
      ? <Alert tone="success" title="Welcome to Pro">Your new limits apply from your next API request.</Alert>
      : <Alert tone="info" title="Payment received">Your plan switches to Pro as soon as Stripe confirms the payment, usually within seconds. Refresh this page to see it.</Alert>;
  }
  return result.booked !== null
    ? <Alert tone="success" title="Credits added">{formatMoney(result.booked)} was added to your balance.</Alert>
    : <Alert tone="info" title="Payment received">Your credits appear as soon as Stripe confirms the payment, usually within seconds. Refresh this page to see them.</Alert>;
}
