// The fake's Stripe objects, shaped as Stripe's API returns them (the fields this app and
// the SDK read, plus the usual envelope fields), and the validation Stripe applies to them.
import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import type { FormObject, FormValue } from "./stripe-form";

export type Json = Record<string, unknown>;

/** A Stripe-style id: prefix, underscore, 24 random alphanumerics. */
export function stripeId(prefix: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return `${prefix}_${[...randomBytes(24)].map((b) => alphabet[b % alphabet.length]).join("")}`;
}

const now = () => Math.floor(Date.now() / 1000);

/** An error in Stripe's shape, with the HTTP status Stripe uses for it. */
export class StripeApiError extends Error {
  constructor(
    public readonly status: number, public readonly type: string, message: string, public readonly param?: string, public readonly code?: string,
    /** More fields of the error object (a card error's decline_code, payment_intent, charge…). */
    public readonly extra: Json = {},
  ) {
    super(message);
  }
  /** The response body: `{ error: { type, message, param, code, … } }`. */
  body(): Json {
    return { error: { type: this.type, message: this.message, ...(this.param ? { param: this.param } : {}), ...(this.code ? { code: this.code } : {}), ...this.extra } };
  }
}

/** Stripe's 400 for a missing or malformed parameter. */
export function invalid(message: string, param?: string): StripeApiError {
  return new StripeApiError(400, "invalid_request_error", message, param, param ? "parameter_missing" : undefined);
}

/** Stripe's 404 for an id it does not know. */
export function missing(kind: string, id: string, param: string): StripeApiError {
  return new StripeApiError(404, "invalid_request_error", `No such ${kind}: '${id}'`, param, "resource_missing");
}

/** A form field as a string, if it is one. */
export function str(value: FormValue | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** A form field as a nested object ({} when absent). */
export function obj(value: FormValue | undefined): FormObject {
  return value && typeof value === "object" && !Array.isArray(value) ? value : {};
}

/** Stripe metadata: string keys to string values. */
export function metadata(value: FormValue | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(obj(value)).map(([k, v]) => [k, String(v)]));
}

/** A customer from POST /v1/customers. */
export function buildCustomer(form: FormObject): Json {
  return {
    id: stripeId("cus"), object: "customer", created: now(), livemode: false,
    email: str(form.email) ?? null, name: str(form.name) ?? null, metadata: metadata(form.metadata),
    balance: 0, currency: null, delinquent: false, description: str(form.description) ?? null, invoice_prefix: null,
  };
}

export type Price = { id: string; unitAmount: number; currency: string; interval: "month" | "year" | null; productName: string };

type LineItem = { price: Price; quantity: number };

function lineItem(raw: FormValue, index: number, prices: Map<string, Price>): LineItem {
  const item = obj(raw);
  const quantity = Number(str(item.quantity) ?? "1");
  const priceId = str(item.price);
  if (priceId) {
    const price = prices.get(priceId);
    if (!price) throw missing("price", priceId, `line_items[${index}][price]`);
    return { price, quantity };
  }
  const data = obj(item.price_data);
  if (!Object.keys(data).length) throw invalid(`You must specify either \`price\` or \`price_data\` in line_items[${index}].`, `line_items[${index}]`);
  const currency = str(data.currency);
  if (!currency) throw invalid("Missing required param: line_items[" + index + "][price_data][currency].", `line_items[${index}][price_data][currency]`);
  const unitAmount = Number(str(data.unit_amount));
  if (!Number.isInteger(unitAmount) || unitAmount < 50) {
    throw new StripeApiError(400, "invalid_request_error", "The Checkout Session's total amount due must add up to at least $0.50 usd", `line_items[${index}][price_data][unit_amount]`, "amount_too_small");
  }
  const productName = str(obj(data.product_data).name);
  if (!productName && !str(data.product)) throw invalid(`Missing required param: line_items[${index}][price_data][product_data][name].`, `line_items[${index}][price_data][product_data][name]`);
  const interval = str(obj(data.recurring).interval) as Price["interval"] | undefined;
  return { price: { id: stripeId("price"), unitAmount, currency, interval: interval ?? null, productName: productName ?? "Product" }, quantity };
}

/** A Checkout Session from POST /v1/checkout/sessions, validated as Stripe does for the fields used here. */
export function buildCheckoutSession(form: FormObject, prices: Map<string, Price>, customers: Map<string, Json>, hostedBase: string): { session: Json; items: LineItem[] } {
  const mode = str(form.mode);
  if (!mode) throw invalid("Missing required param: mode.", "mode");
  if (!["payment", "subscription", "setup"].includes(mode)) throw invalid(`Invalid mode: must be one of payment, setup, or subscription`, "mode");
  const successUrl = str(form.success_url);
  if (!successUrl) throw invalid("Missing required param: success_url.", "success_url");
  const customer = str(form.customer);
  if (customer && !customers.has(customer)) throw missing("customer", customer, "customer");
  // "Required in `setup` mode when `allowed_payment_method_types` is not set" (SessionCreateParams.currency).
  const currency = str(form.currency);
  if (mode === "setup" && !currency && !form.payment_method_types) throw invalid("Missing required param: currency.", "currency");
  // customer_update "can only be provided when `customer` is provided" (SessionCreateParams.customer_update).
  const customerUpdate = obj(form.customer_update);
  if (Object.keys(customerUpdate).length && !customer) throw invalid("`customer_update` can only be used with `customer`.", "customer_update");
  // Tax id collection with an existing customer overwrites its name with the business name, so Stripe
  // asks for customer_update[name] (docs.stripe.com/tax/checkout/tax-ids, "Existing customers").
  const taxIds = str(obj(form.tax_id_collection).enabled) === "true";
  if (taxIds && customer && !str(customerUpdate.name)) throw invalid("`customer_update[name]` must be set to `auto` or `never` when using `tax_id_collection` with an existing customer.", "customer_update[name]");
  const rawItems = Array.isArray(form.line_items) ? form.line_items : [];
  if (!rawItems.length && mode !== "setup") throw invalid("Missing required param: line_items.", "line_items");
  const items = rawItems.map((raw, i) => lineItem(raw, i, prices));
  const recurring = items.some((i) => i.price.interval);
  if (mode === "subscription" && !recurring) throw invalid("You must provide at least one recurring price in `subscription` mode when using prices.", "line_items");
  if (mode === "payment" && recurring) throw invalid("You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.", "line_items");
  const total = items.reduce((sum, i) => sum + i.price.unitAmount * i.quantity, 0);
  const id = stripeId("cs_test");
  const session: Json = {
    id, object: "checkout.session", livemode: false, created: now(), expires_at: now() + 86_400,
    mode, status: "open", payment_status: mode === "setup" ? "no_payment_required" : "unpaid",
    amount_subtotal: mode === "setup" ? null : total, amount_total: mode === "setup" ? null : total, currency: items[0]?.price.currency ?? currency ?? null,
    billing_address_collection: str(form.billing_address_collection) ?? null, tax_id_collection: { enabled: taxIds, required: "never" },
    customer_details: null, setup_intent: null,
    customer: customer ?? null, customer_email: str(form.customer_email) ?? null,
    client_reference_id: str(form.client_reference_id) ?? null, metadata: metadata(form.metadata),
    success_url: successUrl, cancel_url: str(form.cancel_url) ?? null,
    payment_intent: null, subscription: null, invoice: null,
    url: `${hostedBase}/checkout/${id}`,
  };
  return { session, items };
}

/** An active subscription for a completed subscription-mode session. */
export function buildSubscription(session: Json, items: LineItem[], subscriptionMetadata: Record<string, string>): Json {
  const start = now();
  const id = stripeId("sub");
  return {
    id, object: "subscription", livemode: false, created: start, start_date: start,
    customer: session.customer, status: "active", currency: session.currency, metadata: subscriptionMetadata,
    cancel_at_period_end: false, canceled_at: null, ended_at: null, latest_invoice: null,
    items: {
      object: "list", has_more: false, url: `/v1/subscription_items?subscription=${id}`,
      data: items.map((i) => ({
        id: stripeId("si"), object: "subscription_item", quantity: i.quantity, subscription: id,
        current_period_start: start, current_period_end: start + 30 * 86_400,
        price: { id: i.price.id, object: "price", currency: i.price.currency, unit_amount: i.price.unitAmount, type: "recurring", recurring: { interval: i.price.interval, interval_count: 1 } },
      })),
    },
  };
}

/** The paid first invoice of a subscription. */
export function buildInvoice(subscription: Json, amount: number, billingReason: string, status: "paid" | "open", hostedBase: string): Json {
  const id = stripeId("in");
  return {
    id, hosted_invoice_url: `${hostedBase}/invoices/${id}`, invoice_pdf: `${hostedBase}/invoices/${id}/pdf`, object: "invoice", livemode: false, created: now(), customer: subscription.customer,
    currency: subscription.currency, amount_due: amount, amount_paid: status === "paid" ? amount : 0, amount_remaining: status === "paid" ? 0 : amount,
    billing_reason: billingReason, status, attempt_count: 1,
    parent: { type: "subscription_details", quote_details: null, subscription_details: { subscription: subscription.id, metadata: subscription.metadata } },
  };
}

/** An event envelope as webhooks deliver it. */
export function buildEvent(type: string, object: Json, previousAttributes?: Json): Json {
  return {
    id: stripeId("evt"), object: "event", api_version: Stripe.API_VERSION, created: now(), livemode: false, pending_webhooks: 1,
    request: { id: null, idempotency_key: null }, type,
    data: { object, ...(previousAttributes ? { previous_attributes: previousAttributes } : {}) },
  };
}
