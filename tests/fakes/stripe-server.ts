// A fake of Stripe's HTTP API for tests, on node:http: the SDK is pointed at it through its
// host/port/protocol options. It speaks Stripe's wire format for what this app calls
// (form-encoded POSTs, JSON objects, Stripe's error shape, idempotency keys), records every
// API request, and serves "hosted" checkout and portal pages whose buttons send the matching
// webhooks to the app, signed with the SDK's real signing helper, before redirecting back.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { decodeStripeForm, type FormObject } from "./stripe-form";
import {
  buildCheckoutSession, buildCustomer, buildEvent, buildInvoice, buildSubscription, missing, stripeId, StripeApiError,
  type Json, type Price,
} from "./stripe-objects";
import { checkoutPage, deliveryFailedPage, portalPage } from "./stripe-pages";

export type RecordedRequest = { method: string; path: string; body: FormObject; idempotencyKey: string | null; stripeVersion: string | null };
export type Delivery = { eventId: string; type: string; url: string; payload: string; status: number; body: string };
export type StripeFakeOptions = { secretKey?: string; webhookSecret?: string; proPriceId?: string; proPriceCents?: number; webhookUrl?: string };

type SessionExtras = { items: ReturnType<typeof buildCheckoutSession>["items"]; subscriptionMetadata: Record<string, string> };

/** A running fake. `requests` and `deliveries` are what tests assert on. */
export class StripeFake {
  readonly requests: RecordedRequest[] = [];
  readonly deliveries: Delivery[] = [];
  readonly customers = new Map<string, Json>();
  readonly sessions = new Map<string, Json>();
  readonly subscriptions = new Map<string, Json>();
  readonly portals = new Map<string, Json>();
  readonly prices = new Map<string, Price>();
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

  /** Pay an open checkout session, as the hosted page's Pay button does: updates the objects and sends the events. */
  async completeCheckout(sessionId: string): Promise<Delivery[]> {
    const session = this.sessions.get(sessionId);
    const extras = this.extras.get(sessionId);
    if (!session || !extras) throw missing("checkout.session", sessionId, "session");
    if (session.status !== "open") throw new StripeApiError(400, "invalid_request_error", "This Checkout Session is no longer active.");
    const events: Json[] = [];
    Object.assign(session, { status: "complete", payment_status: "paid" });
    if (session.mode === "subscription") {
      const subscription = buildSubscription(session, extras.items, extras.subscriptionMetadata);
      const invoice = buildInvoice(subscription, Number(session.amount_total), "subscription_create", "paid");
      subscription.latest_invoice = invoice.id;
      this.subscriptions.set(String(subscription.id), subscription);
      Object.assign(session, { subscription: subscription.id, invoice: invoice.id });
      events.push(buildEvent("customer.subscription.created", subscription), buildEvent("invoice.paid", invoice));
    } else {
      session.payment_intent = stripeId("pi");
    }
    events.push(buildEvent("checkout.session.completed", session));
    const target = this.webhookUrl ?? `${new URL(String(session.success_url)).origin}/api/stripe/webhook`;
    const sent: Delivery[] = [];
    for (const event of events) sent.push(await this.deliver(event, target));
    return sent;
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
      await this.hosted(req, res, url.pathname);
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
    const result = this.handle(req.method ?? "GET", path, body);
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
      const sub = body.subscription_data;
      const subscriptionMetadata = sub && typeof sub === "object" && !Array.isArray(sub) ? (sub.metadata as Record<string, string>) ?? {} : {};
      this.sessions.set(String(session.id), session);
      this.extras.set(String(session.id), { items, subscriptionMetadata });
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
    throw new StripeApiError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`);
  }

  private async hosted(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const [, kind, id, action] = path.split("/");
    if (kind === "checkout" && id) {
      const session = this.sessions.get(id);
      if (!session) return sendHtml(res, 404, "<h1>No such checkout session</h1>");
      if (req.method === "GET" && !action) {
        const label = this.extras.get(id)?.items.map((i) => i.price.productName).join(", ") ?? "Checkout";
        return sendHtml(res, 200, checkoutPage(session, label));
      }
      if (req.method === "POST" && action === "pay") {
        const failed = (await this.completeCheckout(id)).filter((d) => d.status < 200 || d.status >= 300);
        if (failed.length) return sendHtml(res, 502, deliveryFailedPage(failed.map((d) => `${d.type} → ${d.url}: HTTP ${d.status} ${d.body}`)));
        return redirect(res, String(session.success_url).replace("{CHECKOUT_SESSION_ID}", id));
      }
    }
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
