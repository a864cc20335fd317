// POST /api/stripe/webhook – Stripe events: the raw body goes to lib/billing/stripe/webhook.
import { handleStripeWebhook } from "@/lib/billing/stripe/webhook";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/stripe/webhook – verify, dedupe and apply one Stripe event.
export async function POST(request: Request): Promise<Response> {
  const result = await handleStripeWebhook(await request.text(), request.headers.get("stripe-signature"));
  return Response.json(result.body, { status: result.status });
}
