// The fake's "hosted" pages: a checkout page (card, billing details, Pay or Save card), a portal page with a
// Cancel button, and the receipts and invoices it links to.
import type { Json } from "./stripe-objects";

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem;color:#1a1a2e}
button{font:inherit;padding:.6rem 1.2rem;border-radius:.5rem;border:0;background:#635bff;color:#fff;cursor:pointer}a{color:#635bff}</style></head>
<body><p>Test mode · fake Stripe</p>${body}</body></html>`;
}

function dollars(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

function field(name: string, label: string, value: string, extra = ""): string {
  return `<p><label>${escape(label)}<br><input name="${name}" value="${escape(value)}" ${extra}></label></p>`;
}

/** The checkout page of a session: what it charges, the card and billing fields it asks for, and its button. */
export function checkoutPage(session: Json, label: string, error?: string): string {
  const setup = session.mode === "setup";
  const recurring = session.mode === "subscription" ? " per month" : "";
  const cancel = session.cancel_url ? `<p><a href="${escape(String(session.cancel_url))}">Cancel and go back</a></p>` : "";
  const address = session.billing_address_collection === "required" && !setup
    ? field("name", "Name on the invoice", "Test Customer", "required") + field("line1", "Address", "1 Test Street", "required") + field("city", "City", "Springfield", "required")
      + field("postal_code", "Postal code", "12345", "required") + field("country", "Country (2 letters)", "US", 'required maxlength="2"')
    : "";
  const taxId = (session.tax_id_collection as Json | undefined)?.enabled ? field("tax_id", "VAT number (optional, purchasing as a business)", "") : "";
  const heading = setup ? "<h1>Save a card</h1><p>You will not be charged now.</p>" : `<h1>${escape(label)}</h1><p>Total due today: <strong>${dollars(Number(session.amount_total))}</strong>${recurring}</p>`;
  const button = setup ? "Save card" : `Pay ${dollars(Number(session.amount_total))}`;
  const problem = error ? `<p role="alert" style="color:#b00020">${escape(error)}</p>` : "";
  return page("Checkout", `${heading}${problem}
<form method="post" action="/checkout/${escape(String(session.id))}/pay">${field("card", "Card number", "4242 4242 4242 4242", 'required inputmode="numeric"')}${address}${taxId}<button type="submit">${button}</button></form>${cancel}`);
}

/** A hosted receipt (a charge) or invoice: what was paid, when. */
export function documentPage(kind: "Receipt" | "Invoice", object: Json): string {
  const amount = Number(object.amount_captured ?? object.amount_paid ?? 0);
  return page(kind, `<h1>${kind} from SIB AI</h1><p>${escape(String(object.id))}</p><p>Amount paid: <strong>${dollars(amount)}</strong></p>
<p>Date paid: ${new Date(Number(object.created) * 1000).toISOString().slice(0, 10)}</p>`);
}

/** The customer portal: the active subscription, if any, with a cancel button. */
export function portalPage(portalId: string, returnUrl: string, subscription: Json | undefined): string {
  const body = subscription && subscription.status === "active"
    ? `<p>Current plan: <strong>Pro</strong> (${escape(String(subscription.id))})</p>
<form method="post" action="/portal/${escape(portalId)}/cancel"><button type="submit">Cancel plan</button></form>`
    : `<p>No active subscription.</p>`;
  return page("Billing portal", `<h1>Manage billing</h1>${body}<p><a href="${escape(returnUrl)}">Return to SIB AI</a></p>`);
}

/** What the fake shows when the app did not accept a webhook. */
export function deliveryFailedPage(failures: string[]): string {
  return page("Webhook delivery failed", `<h1>Webhook delivery failed</h1><ul>${failures.map((f) => `<li>${escape(f)}</li>`).join("")}</ul>`);
}
