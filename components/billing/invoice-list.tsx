// Paid subscription invoices, each linking to Stripe's hosted invoice page.
import { ExternalLink } from "lucide-react";
import type { InvoiceRow } from "@/lib/billing/receipts";
import { Money } from "../ui/money";
import { formatDate } from "../ui/time";

/** One line per invoice: date, amount, link. */
export function InvoiceList({ invoices }: { invoices: InvoiceRow[] }) {
  return (
    <ul className="divide-y divide-zinc-100 text-sm" aria-label="Subscription invoices">
      {invoices.map((invoice) => (
        <li key={invoice.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2.5">
          <span className="text-zinc-800">Pro subscription · <time dateTime={invoice.paidAt.toISOString()}>{formatDate(invoice.paidAt)}</time></span>
          <span className="flex items-center gap-4">
            <span className="tabular-nums text-zinc-900"><Money nano={invoice.amount} /></span>
            {invoice.url ? (
              <a href={invoice.url} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 font-medium text-brand-700 hover:text-brand-800">
                Invoice <ExternalLink className="size-3.5" aria-hidden /><span className="sr-only"> (opens Stripe)</span>
              </a>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
