// Shown instead of working buttons when an operator has not set Stripe up.
import { Alert } from "../ui/alert";

/** Which variables to set, for the operator reading over the user's shoulder. */
export function BillingNotConfigured({ missing }: { missing: string[] }) {
  return (
    <Alert tone="warning" title="Billing is not configured on this installation">
      Upgrades and credit purchases are unavailable until an operator sets{" "}
      {missing.map((name, i) => (
        <span key={name}>{i > 0 ? (i === missing.length - 1 ? " and " : ", ") : null}<code className="code-inline">{name}</code></span>
      ))}{" "}
      (and optionally <code className="code-inline">STRIPE_PRO_PRICE_ID</code>) in the server&apos;s environment, points a Stripe webhook at{" "}
      <code className="code-inline">/api/stripe/webhook</code>, and restarts. Your balance and history below are unaffected.
    </Alert>
  );
}
