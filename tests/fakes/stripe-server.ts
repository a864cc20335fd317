// A fake of Stripe's HTTP API for tests, on node:http: the SDK is pointed at it through its
// host/port/protocol options. It speaks Stripe's wire format for what this app calls
// (form-encoded POSTs, JSON objects, Stripe's error shape, idempotency keys), records every
// API request, and serves "hosted" checkout and portal pages whose buttons send the matching
// webhooks to the app, signed with the SDK's real signing helper, before redirecting back.
// Off-session PaymentIntents answer at once and send their webhooks right after, as Stripe does.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { decodeStripeForm, type FormObject } from "./stripe-form";
import {
  buildCheckoutSession, buildCustomer, buildEvent, buildInvoice, buildSubscription, missing, stripeId, StripeApiError,
  type Json, type Price,
} from "./stripe-objects";
import { checkoutPage, deliveryFailedPage, documentPage, portalPage } from "./stripe-pages";
import { buildCharge, buildPaymentIntent, buildPaymentMethod, buildSetupIntent, declinedError, settleIntent, TEST_CARDS, validatePaymentIntent } from "./stripe-payments";

export type RecordedRequest = { method: string; path: string; body: FormObject; idempotencyKey: string | null; stripeVersion: string | null };
export type Delivery = { eventId: string; type: string; url: string; payload: string; status: number; body: string };
export type StripeFakeOptions = { secretKey?: string; webhookSecret?: string; proPriceId?: string; proPriceCents?: number; webhookUrl?: string };

type SessionExtras = { items: ReturnType<typeof buildCheckoutSession>["items"]; subscriptionMetadata: Record<string, string>; setupMetadata: Record<string, string>; paymentMetadata: Record<string, string>; setupFutureUsage: string | null };

/** What a person types on the hosted checkout page (defaults: a Visa that pays, a US address, no tax id). */
export type CheckoutEntry = { card?: string; name?: string; line1?: string; city?: string; postalCode?: string; country?: string; taxId?: string };

function nested(form: FormObject, key: string): Record<string, string> {
  const value = form[key];
  return value && typeof value === "object" && !Array.isArray(value) ? (value.metadata as Record<string, string>) ?? {} : {};
}

/** A running fake. `requests` and `deliveries` are what tests assert on. */
export class StripeFake {
  readonly requests: RecordedRequest[] = [];
  readonly deliveries: Delivery[] = [];
  readonly customers = new Map<string, Json>();
  readonly sessions = new Map<string, Json>();
  readonly subscriptions = new Map<string, Json>();
  readonly portals = new Map<string, Json>();
  readonly prices = new Map<string, Price>();
  readonly paymentMethods = new Map<string, Json>();
  readonly setupIntents = new Map<string, Json>();
  readonly paymentIntents = new Map<string, Json>();
  readonly charges = new Map<string, Json>();
  readonly invoices = new Map<string, Json>();
  /** Payment methods whose charges decline (the charge-fail test card). */
  private readonly declining = new Set<string>();
  /** Where each customer's webhooks go, learned from its sessions' return URLs. */
  private readonly customerTargets = new Map<string, string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Where webhooks go; unset, each session's success_url origin + /api/stripe/webhook. */
  webhookUrl: string | undefined;
  url = "";
  private readonly extras = new Map<string, SessionExtras>();
  private readonly idempotent = new Map<string, { status: number; body: Json }>();
  private readonly server = createServer((req, res) => void this.route(req, res));

  constructor(readonly secretKey: string, readonly webhookSecret: string, readonly proPriceId: string, proPriceCents: number, webhookUrl?: string) {
    this.prices.set(proPriceId, { id: proPriceId, unitAmount: proPriceCents, currency: "usd", interval: "month", productName: "SIB AI Pro" });
    this.webhookUrl = webhookUrl;
  }

  /** Listen on 127.0.0.1, on a free port. */
  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The app's environment for talking to this fake. */
  env(): Record<string, string> {
    return {
      STRIPE_SECRET_KEY: this.secretKey, STRIPE_WEBHOOK_SECRET: this.webhookSecret, STRIPE_PRO_PRICE_ID: this.proPriceId,
      STRIPE_PUBLISHABLE_KEY: "pk_test_fake", STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PORT: String(new URL(this.url).port), STRIPE_API_PROTOCOL: "http",
    };
  }

  /** Stop listening. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A payload and its Stripe-Signature header, signed like Stripe does (the SDK's helper). */
  sign(payload: string, secret = this.webhookSecret): string {
    return Stripe.webhooks.generateTestHeaderString({ payload, secret });
  }

  /** Send one event to the app, signed; returns what the app answered. */
  async deliver(event: Json, url = this.webhookUrl): Promise<Delivery> {
    if (!url) throw new Error("the fake does not know the app's webhook URL yet");
    const payload = JSON.stringify(event, null, 2);
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": this.sign(payload), "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" },
      body: payload,
    });
    const delivery = { eventId: String(event.id), type: String(event.type), url, payload, status: res.status, body: await res.text() };
    this.deliveries.push(delivery);
    return delivery;
  }

  /** A saved card of `customer` (as a completed setup checkout leaves one); `card` picks the test card. */
  saveCard(customer: string, card: string = TEST_CARDS.visa): Json {
    if (!this.customers.has(customer)) throw missing("customer", customer, "customer");
    const { method, declines } = buildPaymentMethod(card, customer);
    this.paymentMethods.set(String(method.id), method);
    if (declines) this.declining.add(String(method.id));
    return method;
  }

  /** The details a completed session collected (name, address, tax id), as Stripe fills `customer_details`. */
  private customerDetails(session: Json, entry: CheckoutEntry): Json {
    const customer = session.customer ? this.customers.get(String(session.customer)) : undefined;
    const wantsAddress = session.billing_address_collection === "required" && session.mode !== "setup";
    const taxId = (session.tax_id_collection as Json | undefined)?.enabled && entry.taxId ? [{ type: "eu_vat", value: entry.taxId }] : [];
    return {
      email: customer?.email ?? session.customer_email ?? null, name: entry.name ?? "Test Customer", phone: null, tax_exempt: "none", tax_ids: taxId,
      address: wantsAddress ? { line1: entry.line1 ?? "1 Test Street", line2: null, city: entry.city ?? "Springfield", state: null, postal_code: entry.postalCode ?? "12345", country: entry.country ?? "US" } : null,
    };
  }

  /** Pay an open checkout session, as the hosted page's Pay button does: updates the objects and sends the events. */
  async completeCheckout(sessionId: string, entry: CheckoutEntry = {}): Promise<Delivery[]> {
    const session = this.sessions.get(sessionId);
    const extras = this.extras.get(sessionId);
    if (!session || !extras) throw missing("checkout.session", sessionId, "session");
    if (session.status !== "open") throw new StripeApiError(400, "invalid_request_error", "This Checkout Session is no longer active.");
    if (entry.card) buildPaymentMethod(entry.card, null);
    const events: Json[] = [];
    const customer = session.customer ? String(session.customer) : null;
    Object.assign(session, { status: "complete", payment_status: session.mode === "setup" ? "no_payment_required" : "paid", customer_details: this.customerDetails(session, entry) });
    if (session.mode === "subscription") {
      const subscription = buildSubscription(session, extras.items, extras.subscriptionMetadata);
      const invoice = buildInvoice(subscription, Number(session.amount_total), "subscription_create", "paid", this.url);
      subscription.latest_invoice = invoice.id;
      this.subscriptions.set(String(subscription.id), subscription);
      this.invoices.set(String(invoice.id), invoice);
      Object.assign(session, { subscription: subscription.id, invoice: invoice.id });
      events.push(buildEvent("customer.subscription.created", subscription), buildEvent("invoice.paid", invoice));
      events.push(buildEvent("checkout.session.completed", session));
    } else if (session.mode === "setup") {
      const method = this.saveCardFor(customer, entry.card);
      const intent = buildSetupIntent(customer, String(method.id), extras.setupMetadata);
      this.setupIntents.set(String(intent.id), intent);
      session.setup_intent = intent.id;
      events.push(buildEvent("setup_intent.succeeded", intent), buildEvent("checkout.session.completed", session));
    } else {
      // setup_future_usage saves the card to the customer for later off-session payments.
      const method = extras.setupFutureUsage && customer ? this.saveCardFor(customer, entry.card) : buildPaymentMethod(entry.card ?? TEST_CARDS.visa, null).method;
      const intent = buildPaymentIntent({ amount: Number(session.amount_total), currency: String(session.currency), customer, paymentMethod: String(method.id), metadata: extras.paymentMetadata, setupFutureUsage: extras.setupFutureUsage });
      const charge = buildCharge(intent, true, this.url);
      settleIntent(intent, charge, method);
      this.paymentIntents.set(String(intent.id), intent);
      this.charges.set(String(charge.id), charge);
      session.payment_intent = intent.id;
      events.push(buildEvent("checkout.session.completed", session), buildEvent("charge.succeeded", charge), buildEvent("payment_intent.succeeded", intent));
    }
    const target = this.webhookUrl ?? `${new URL(String(session.success_url)).origin}/api/stripe/webhook`;
    const sent: Delivery[] = [];
    for (const event of events) sent.push(await this.deliver(event, target));
    return sent;
  }

  private saveCardFor(customer: string | null, card?: string): Json {
    if (!customer) return buildPaymentMethod(card ?? TEST_CARDS.visa, null).method;
    return this.saveCard(customer, card);
  }

  /** Confirm an intent off-session: charge its card (or decline it), then send the events in the background. */
  private confirmIntent(intent: Json, method: Json): void {
    const charge = buildCharge(intent, !this.declining.has(String(method.id)), this.url);
    settleIntent(intent, charge, method);
    this.paymentIntents.set(String(intent.id), intent);
    this.charges.set(String(charge.id), charge);
    const events = charge.paid
      ? [buildEvent("charge.succeeded", charge), buildEvent("payment_intent.succeeded", intent)]
      : [buildEvent("charge.failed", charge), buildEvent("payment_intent.payment_failed", intent)];
    const target = this.webhookUrl ?? this.customerTargets.get(String(intent.customer));
    if (target) this.background(events, target);
    if (!charge.paid) throw declinedError(intent, charge, method);
  }

  private background(events: Json[], target: string): void {
    const work = (async () => {
      await new Promise((r) => setTimeout(r, 10));
      for (const event of events) await this.deliver(event, target).catch(() => undefined);
    })();
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Resolves once every webhook sent in the background has been answered. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  /** Cancel a subscription at once, as the portal's Cancel button does, and send customer.subscription.deleted. */
  async cancelSubscription(subscriptionId: string, url = this.webhookUrl): Promise<Delivery> {
    const subscription = this.subscriptions.get(subscriptionId);
    if (!subscription) throw missing("subscription", subscriptionId, "id");
    const at = Math.floor(Date.now() / 1000);
    Object.assign(subscription, { status: "canceled", canceled_at: at, ended_at: at });
    return this.deliver(buildEvent("customer.subscription.deleted", subscription, { status: "active" }), url);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const raw = await readBody(req);
    try {
      if (url.pathname.startsWith("/v1/")) return await this.api(req, res, url.pathname, raw);
      await this.hosted(req, res, url.pathname, raw);
    } catch (err) {
      const error = err instanceof StripeApiError ? err : new StripeApiError(500, "api_error", "An unknown error occurred");
      sendJson(res, error.status, error.body());
    }
  }

  private async api(req: IncomingMessage, res: ServerResponse, path: string, raw: string): Promise<void> {
    const body = decodeStripeForm(req.method === "GET" ? "" : raw);
    const idempotencyKey = header(req, "idempotency-key");
    this.requests.push({ method: req.method ?? "GET", path, body, idempotencyKey, stripeVersion: header(req, "stripe-version") });
    const auth = header(req, "authorization");
    if (auth !== `Bearer ${this.secretKey}`) {
      const shown = auth?.replace(/^Bearer /, "") ?? "";
      throw new StripeApiError(401, "invalid_request_error", shown ? `Invalid API Key provided: ${shown.slice(0, 8)}****${shown.slice(-4)}` : "You did not provide an API key.");
    }
    const cacheKey = idempotencyKey && req.method === "POST" ? `${path}:${idempotencyKey}` : null;
    const replay = cacheKey ? this.idempotent.get(cacheKey) : undefined;
    if (replay) return sendJson(res, replay.status, replay.body, { "idempotent-replayed": "true" });
    let result: Json;
    try {
      result = this.handle(req.method ?? "GET", path, body);
    } catch (err) {
      // Stripe saves the result of a request that ran, a card error included, under its idempotency key;
      // one refused in validation is not saved (docs.stripe.com/api/idempotent_requests).
      if (cacheKey && err instanceof StripeApiError && err.status === 402) this.idempotent.set(cacheKey, { status: 402, body: err.body() });
      throw err;
    }
    if (cacheKey) this.idempotent.set(cacheKey, { status: 200, body: result });
    sendJson(res, 200, result);
  }

  private handle(method: string, path: string, body: FormObject): Json {
    const [, , resource, ...rest] = path.split("/");
    const id = rest.join("/");
    const get = (map: Map<string, Json>, kind: string) => {
      const found = map.get(id);
      if (!found) throw missing(kind, id, "id");
      return found;
    };
    if (method === "POST" && resource === "customers" && !id) {
      const customer = buildCustomer(body);
      this.customers.set(String(customer.id), customer);
      return customer;
    }
    if (method === "GET" && resource === "customers" && id) return get(this.customers, "customer");
    if (method === "POST" && resource === "checkout" && id === "sessions") {
      const { session, items } = buildCheckoutSession(body, this.prices, this.customers, this.url);
      const paymentData = body.payment_intent_data;
      const setupFutureUsage = paymentData && typeof paymentData === "object" && !Array.isArray(paymentData) && typeof paymentData.setup_future_usage === "string" ? paymentData.setup_future_usage : null;
      this.sessions.set(String(session.id), session);
      this.extras.set(String(session.id), {
        items, subscriptionMetadata: nested(body, "subscription_data"), setupMetadata: nested(body, "setup_intent_data"), paymentMetadata: nested(body, "payment_intent_data"), setupFutureUsage,
      });
      if (session.customer) this.customerTargets.set(String(session.customer), this.webhookUrl ?? `${new URL(String(session.success_url)).origin}/api/stripe/webhook`);
      return session;
    }
    if (method === "GET" && resource === "checkout" && id.startsWith("sessions/")) {
      const session = this.sessions.get(id.slice("sessions/".length));
      if (!session) throw missing("checkout.session", id.slice("sessions/".length), "session");
      return session;
    }
    if (method === "POST" && resource === "billing_portal" && id === "sessions") {
      const customer = typeof body.customer === "string" ? body.customer : "";
      if (!customer) throw new StripeApiError(400, "invalid_request_error", "Missing required param: customer.", "customer", "parameter_missing");
      if (!this.customers.has(customer)) throw missing("customer", customer, "customer");
      const portalId = stripeId("bps");
      const returnUrl = typeof body.return_url === "string" ? body.return_url : null;
      const portal = { id: portalId, object: "billing_portal.session", created: Math.floor(Date.now() / 1000), customer, livemode: false, return_url: returnUrl, url: `${this.url}/portal/${portalId}` };
      this.portals.set(portalId, portal);
      return portal;
    }
    if (method === "GET" && resource === "subscriptions" && id) return get(this.subscriptions, "subscription");
    if (method === "POST" && resource === "payment_intents" && !id) {
      const { intent, confirm, method: card } = validatePaymentIntent(body, { customers: this.customers, paymentMethods: this.paymentMethods });
      this.paymentIntents.set(String(intent.id), intent);
      if (confirm && card) this.confirmIntent(intent, card);
      return intent;
    }
    if (method === "GET" && resource === "payment_intents" && id) return get(this.paymentIntents, "payment_intent");
    if (method === "GET" && resource === "payment_methods" && id) return get(this.paymentMethods, "payment_method");
    if (method === "GET" && resource === "charges" && id) return get(this.charges, "charge");
    throw new StripeApiError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`);
  }

  private async hosted(req: IncomingMessage, res: ServerResponse, path: string, raw: string): Promise<void> {
    const [, kind, id, action] = path.split("/");
    if (kind === "checkout" && id) {
      const session = this.sessions.get(id);
      if (!session) return sendHtml(res, 404, "<h1>No such checkout session</h1>");
      if (req.method === "GET" && !action) {
        const label = this.extras.get(id)?.items.map((i) => i.price.productName).join(", ") ?? "Checkout";
        return sendHtml(res, 200, checkoutPage(session, label));
      }
      if (req.method === "POST" && action === "pay") {
        const typed = Object.fromEntries(new URLSearchParams(raw));
        const entry: CheckoutEntry = { card: typed.card, name: typed.name, line1: typed.line1, city: typed.city, postalCode: typed.postal_code, country: typed.country, taxId: typed.tax_id || undefined };
        let deliveries: Delivery[];
        try {
          deliveries = await this.completeCheckout(id, entry);
        } catch (err) {
          if (err instanceof StripeApiError && err.status === 402) return sendHtml(res, 402, checkoutPage(session, this.extras.get(id)?.items.map((i) => i.price.productName).join(", ") ?? "Checkout", err.message));
          throw err;
        }
        const failed = deliveries.filter((d) => d.status < 200 || d.status >= 300);
        if (failed.length) return sendHtml(res, 502, deliveryFailedPage(failed.map((d) => `${d.type} → ${d.url}: HTTP ${d.status} ${d.body}`)));
        return redirect(res, String(session.success_url).replace("{CHECKOUT_SESSION_ID}", id));
      }
    }
    if (kind === "receipts" && id && this.charges.get(id)?.paid) return sendHtml(res, 200, documentPage("Receipt", this.charges.get(id)!));
    if (kind === "invoices" && id && this.invoices.has(id)) return sendHtml(res, 200, documentPage("Invoice", this.invoices.get(id)!));
    if (kind === "portal" && id) {
      const portal = this.portals.get(id);
      if (!portal) return sendHtml(res, 404, "<h1>No such portal session</h1>");
      const subscription = [...this.subscriptions.values()].find((s) => s.customer === portal.customer && s.status === "active");
      if (req.method === "GET" && !action) return sendHtml(res, 200, portalPage(id, String(portal.return_url), subscription));
      if (req.method === "POST" && action === "cancel" && subscription) {
        const origin = new URL(String(portal.return_url)).origin;
        const delivery = await this.cancelSubscription(String(subscription.id), this.webhookUrl ?? `${origin}/api/stripe/webhook`);
        if (delivery.status >= 300) return sendHtml(res, 502, deliveryFailedPage([`${delivery.type}: HTTP ${delivery.status} ${delivery.body}`]));
        return redirect(res, String(portal.return_url));
      }
    }
    sendHtml(res, 404, "<h1>Not found</h1>");
  }
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === "string" ? value : null;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function sendJson(res: ServerResponse, status: number, body: Json, extra: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", "request-id": stripeId("req"), "stripe-version": Stripe.API_VERSION, ...extra });
  res.end(JSON.stringify(body));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(html);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location });
  res.end();
}

/** Start a fake on a free port of 127.0.0.1. */
export async function startStripeServer(options: StripeFakeOptions = {}): Promise<StripeFake> {
  const fake = new StripeFake(
    options.secretKey ?? `sk_test_fake_${stripeId("k").slice(2, 18)}`,
    options.webhookSecret ?? `whsec_fake_${stripeId("w").slice(2, 26)}`,
    options.proPriceId ?? "price_fake_pro_monthly",
    options.proPriceCents ?? 2000,
    options.webhookUrl,
  );
  return fake.listen();
}
