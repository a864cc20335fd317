// The fake's cards and payments: PaymentMethods saved to customers (by setup-mode Checkout or
// `setup_future_usage`), SetupIntents, PaymentIntents created and confirmed off-session, and
// their Charges with a hosted receipt — validated as Stripe validates them, declining as
// Stripe's test cards decline, with Stripe's error JSON.
import type { FormObject } from "./stripe-form";
import { invalid, metadata, missing, str, stripeId, StripeApiError, type Json } from "./stripe-objects";

const now = () => Math.floor(Date.now() / 1000);

/** Stripe's test card numbers the fake knows (docs.stripe.com/testing). */
export const TEST_CARDS = {
  /** Visa: succeeds. */
  visa: "4242424242424242",
  /** "Attaching this card to a Customer object succeeds, but attempts to charge the customer fail." */
  chargeCustomerFail: "4000000000000341",
} as const;

/** A card PaymentMethod attached to `customer`; `declines` when its number is the charge-fail test card. */
export function buildPaymentMethod(cardNumber: string, customer: string | null): { method: Json; declines: boolean } {
  const digits = cardNumber.replace(/\D/g, "");
  // Stripe refuses a number that is not a card: "Your card number is incorrect." (code incorrect_number).
  if (!/^\d{15,16}$/.test(digits)) throw new StripeApiError(402, "card_error", "Your card number is incorrect.", "number", "incorrect_number");
  return {
    method: {
      id: stripeId("pm"), object: "payment_method", type: "card", created: now(), livemode: false, customer, metadata: {},
      billing_details: { name: null, email: null, phone: null, address: null },
      card: { brand: digits.startsWith("4") ? "visa" : "mastercard", last4: digits.slice(-4), exp_month: 12, exp_year: new Date().getUTCFullYear() + 3, funding: "credit", country: "US" },
    },
    declines: digits === TEST_CARDS.chargeCustomerFail,
  };
}

/** The succeeded SetupIntent of a setup-mode session. */
export function buildSetupIntent(customer: string | null, paymentMethod: string, intentMetadata: Record<string, string>): Json {
  return {
    id: stripeId("seti"), object: "setup_intent", created: now(), livemode: false, customer, payment_method: paymentMethod,
    status: "succeeded", usage: "off_session", metadata: intentMetadata, last_setup_error: null, payment_method_types: ["card"],
  };
}

/** A PaymentIntent as the API returns it. */
export function buildPaymentIntent(fields: { amount: number; currency: string; customer: string | null; paymentMethod: string | null; metadata: Record<string, string>; description?: string | null; setupFutureUsage?: string | null }): Json {
  const id = stripeId("pi");
  return {
    id, object: "payment_intent", created: now(), livemode: false, amount: fields.amount, amount_received: 0, amount_capturable: 0,
    currency: fields.currency, customer: fields.customer, payment_method: fields.paymentMethod, description: fields.description ?? null,
    metadata: fields.metadata, status: "requires_payment_method", capture_method: "automatic", confirmation_method: "automatic",
    client_secret: `${id}_secret_${stripeId("s").slice(2)}`, latest_charge: null, last_payment_error: null,
    setup_future_usage: fields.setupFutureUsage ?? null, payment_method_types: ["card"],
  };
}

/** The charge of a PaymentIntent, paid or failed; paid ones carry a hosted receipt under `hostedBase`. */
export function buildCharge(intent: Json, paid: boolean, hostedBase: string): Json {
  const id = stripeId("ch");
  return {
    id, object: "charge", created: now(), livemode: false, amount: intent.amount, amount_captured: paid ? intent.amount : 0, amount_refunded: 0,
    currency: intent.currency, customer: intent.customer, payment_intent: intent.id, payment_method: intent.payment_method,
    paid, captured: paid, status: paid ? "succeeded" : "failed", metadata: intent.metadata, description: intent.description,
    failure_code: paid ? null : "card_declined", failure_message: paid ? null : "Your card was declined.",
    outcome: paid ? { type: "authorized", network_status: "approved_by_network", seller_message: "Payment complete." } : { type: "issuer_declined", network_status: "declined_by_network", reason: "generic_decline", seller_message: "The bank did not return any further details with this decline." },
    receipt_url: paid ? `${hostedBase}/receipts/${id}` : null,
  };
}

/** What Stripe says about the charge-fail test card's decline (docs.stripe.com/declines/codes). */
const DECLINE = { code: "card_declined", decline_code: "generic_decline", message: "Your card was declined.", doc_url: "https://stripe.com/docs/error-codes/card-declined" };

/** Mark an intent paid by `charge`, or declined (Stripe's last_payment_error). */
export function settleIntent(intent: Json, charge: Json, method: Json): void {
  if (charge.paid) {
    Object.assign(intent, { status: "succeeded", amount_received: intent.amount, latest_charge: charge.id });
    return;
  }
  Object.assign(intent, { status: "requires_payment_method", latest_charge: charge.id, last_payment_error: { type: "card_error", ...DECLINE, charge: charge.id, payment_method: method } });
}

/** Stripe's 402 for a declined confirmation: the card error with the intent and charge it belongs to. */
export function declinedError(intent: Json, charge: Json, method: Json): StripeApiError {
  const { code, message, ...rest } = DECLINE;
  return new StripeApiError(402, "card_error", message, undefined, code, {
    ...rest, charge: charge.id, payment_method: method, payment_intent: intent, request_log_url: `https://dashboard.stripe.com/test/logs/${stripeId("req")}`,
  });
}

type Known = { customers: Map<string, Json>; paymentMethods: Map<string, Json> };

/**
 * Validate POST /v1/payment_intents as Stripe does for the fields used here (docs.stripe.com/api/payment_intents/create)
 * and return the new intent; the caller confirms it when `confirm` is true.
 */
export function validatePaymentIntent(form: FormObject, known: Known): { intent: Json; confirm: boolean; method: Json | null } {
  const rawAmount = str(form.amount);
  if (rawAmount === undefined) throw invalid("Missing required param: amount.", "amount");
  const currency = str(form.currency);
  if (!currency) throw invalid("Missing required param: currency.", "currency");
  const amount = Number(rawAmount);
  if (!Number.isInteger(amount) || amount < 1) throw new StripeApiError(400, "invalid_request_error", "Invalid positive integer", "amount", "parameter_invalid_integer");
  // "The minimum amount is $0.50 US" (PaymentIntent.amount).
  if (currency === "usd" && amount < 50) throw new StripeApiError(400, "invalid_request_error", "Amount must be at least $0.50 usd", "amount", "amount_too_small");
  const customer = str(form.customer) ?? null;
  if (customer && !known.customers.has(customer)) throw missing("customer", customer, "customer");
  const methodId = str(form.payment_method) ?? null;
  const method = methodId ? known.paymentMethods.get(methodId) : null;
  if (methodId && !method) throw new StripeApiError(404, "invalid_request_error", `No such PaymentMethod: '${methodId}'`, "payment_method", "resource_missing");
  const confirm = str(form.confirm) === "true";
  // off_session "can only be used with confirm=true" (PaymentIntentCreateParams.off_session).
  if (str(form.off_session) === "true" && !confirm) throw invalid("You can only pass `off_session` when `confirm` is `true`.", "off_session");
  // Confirming needs a payment method (no default source exists on the fake's customers).
  if (confirm && !method) throw new StripeApiError(400, "invalid_request_error", "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent, pass a payment_method.", "payment_method", "payment_intent_unexpected_state");
  // "If the payment method is attached to a Customer, it must match the customer that is set on this PaymentIntent" (PaymentIntentCreateParams.payment_method);
  // without the customer, a saved card cannot be charged off-session.
  if (method && method.customer && method.customer !== customer) {
    throw invalid(`The provided PaymentMethod belongs to a Customer (${String(method.customer)}) that is not the Customer of this PaymentIntent. Pass \`customer=${String(method.customer)}\`.`, "payment_method");
  }
  const intent = buildPaymentIntent({ amount, currency, customer, paymentMethod: methodId, metadata: metadata(form.metadata), description: str(form.description) ?? null, setupFutureUsage: str(form.setup_future_usage) ?? null });
  return { intent, confirm, method: method ?? null };
}
