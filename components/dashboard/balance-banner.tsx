// Shown on every dashboard page while the balance is below the account's alert threshold, and
// more urgently once it is empty.
import Link from "next/link";
import { formatMoney } from "@/lib/money-format";
import { Alert } from "../ui/alert";

const link = "font-medium underline underline-offset-2 hover:no-underline";

/** Nothing while the balance is at or above `threshold`; a warning below it; an error at zero. */
export function BalanceBanner({ balance, threshold }: { balance: bigint; threshold: bigint }) {
  if (balance <= 0n) {
    return (
      <Alert tone="error" role="status" className="mb-6" title="Your balance is empty">
        <p data-testid="balance-banner" data-level="empty">
          API calls are answered 402 until you add credits. <Link href="/dashboard/billing#buy-credits" className={link}>Add credits</Link>
        </p>
      </Alert>
    );
  }
  if (balance >= threshold) return null;
  return (
    <Alert tone="warning" className="mb-6" title={`Your balance is low: ${formatMoney(balance)}`}>
      <p data-testid="balance-banner" data-level="low">
        It is below the {formatMoney(threshold)} you asked to be warned at. Add credits or turn on auto top-up so your API calls keep working.{" "}
        <Link href="/dashboard/billing" className={link}>Go to Billing</Link>
      </p>
    </Alert>
  );
}
