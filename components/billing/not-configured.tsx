// Shown instead of working buttons when an operator has not set Stripe up. Customers are
// told whom to ask; the variables to set are for operators (README, operator console).
import { Alert } from "../ui/alert";

/** "Billing isn't available yet — contact the operator". */
export function BillingNotConfigured() {
  return (
    <Alert tone="warning" title="Billing isn't available on this installation yet">
      Upgrades and credit purchases can&apos;t be made here for now: contact the operator of this service. Your balance, usage and history below are unaffected.
    </Alert>
  );
}
