// The billing name, address and tax id Stripe Checkout collected, as they appear on receipts and invoices.
import type { BillingDetails } from "@/lib/billing/alerts/settings";

/** The details, or a note that the next checkout asks for them. */
export function BillingDetailsView({ details }: { details: BillingDetails | null }) {
  if (!details) return <p className="text-sm text-zinc-500">Your next checkout asks for the billing name, address and VAT or tax id to put on your receipts.</p>;
  const a = details.address;
  const lines = a ? [a.line1, a.line2, [a.postal_code, a.city].filter(Boolean).join(" "), a.state, a.country].filter(Boolean) : [];
  return (
    <dl className="grid gap-3 text-sm sm:grid-cols-3" data-testid="billing-details">
      <div>
        <dt className="text-zinc-500">Name</dt>
        <dd className="mt-0.5 text-zinc-900">{details.name ?? "—"}</dd>
      </div>
      <div>
        <dt className="text-zinc-500">Address</dt>
        <dd className="mt-0.5 text-zinc-900">{lines.length ? lines.map((l) => <span key={l} className="block">{l}</span>) : "—"}</dd>
      </div>
      <div>
        <dt className="text-zinc-500">Tax id</dt>
        <dd className="mt-0.5 text-zinc-900">{details.taxId ?? "—"}</dd>
      </div>
    </dl>
  );
}
