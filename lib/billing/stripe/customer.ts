// The Stripe customer behind an account: created once, on the first checkout or portal visit.
import type Stripe from "stripe";
import { prisma } from "../../db";

/** The account's Stripe customer id, creating the customer (and remembering it) when it has none. */
export async function ensureCustomer(stripe: Stripe, userId: string): Promise<string> {
  const db = prisma();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.stripeCustomerId) return user.stripeCustomerId;
  const customer = await stripe.customers.create(
    { email: user.email, ...(user.name ? { name: user.name } : {}), metadata: { userId } },
    { idempotencyKey: `customer-${userId}` },
  );
  await db.user.updateMany({ where: { id: userId, stripeCustomerId: null }, data: { stripeCustomerId: customer.id } });
  const stored = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { stripeCustomerId: true } });
  return stored.stripeCustomerId ?? customer.id;
}
