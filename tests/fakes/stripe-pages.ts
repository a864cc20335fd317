// The fake's "hosted" pages: a checkout page with a Pay button and a portal page with a Cancel button.
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

/** The checkout page of a session: what it charges and a Pay button. */
export function checkoutPage(session: Json, label: string): string {
  const recurring = session.mode === "subscription" ? " per month" : "";
  const cancel = session.cancel_url ? `<p><a href="${escape(String(session.cancel_url))}">Cancel and go back</a></p>` : "";
  return page("Checkout", `<h1>${escape(label)}</h1><p>Total due today: <strong>${dollars(Number(session.amount_total))}</strong>${recurring}</p>
<form method="post" action="/checkout/${escape(String(session.id))}/pay"><button type="submit">Pay ${dollars(Number(session.amount_total))}</button></form>${cancel}`);
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
