// How each plan is sold: price line and pitch. The numbers come from PLAN_LIMITS.
import type { Plan } from "@/lib/generated/prisma/enums";

export type PlanOffer = { plan: Plan; name: string; price: string; cadence: string; pitch: string };

export const PLAN_OFFERS: PlanOffer[] = [
  { plan: "FREE", name: "Free", price: "$0", cadence: "$5 credits at sign-up", pitch: "Try every model. No credit card required." },
  { plan: "PRO", name: "Pro", price: "$20", cadence: "per month", pitch: "Ten times the throughput for production apps." },
  { plan: "ENTERPRISE", name: "Enterprise", price: "Custom", cadence: "by contract", pitch: "Limits set for your workload, invoicing, support." },
];

/** A plan's display name. */
export function planName(plan: Plan): string {
  return PLAN_OFFERS.find((o) => o.plan === plan)?.name ?? plan;
}
