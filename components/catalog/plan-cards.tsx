// The three plans side by side with their limits.
import { Check } from "lucide-react";
import { env } from "@/lib/env";
import { PLAN_LIMITS } from "@/lib/limits/plans";
import { LinkButton } from "../ui/button";
import { cn } from "../ui/cn";
import { PLAN_OFFERS } from "./plans";

const n = (v: number) => v.toLocaleString("en-US");

/** Plan cards: price, limits per key, key cap and a call to action. */
export function PlanCards({ signedIn = false }: { signedIn?: boolean }) {
  return (
    <div className="grid gap-5 md:grid-cols-3">
      {PLAN_OFFERS.map((offer) => {
        const limits = PLAN_LIMITS[offer.plan];
        const featured = offer.plan === "PRO";
        const custom = offer.plan === "ENTERPRISE";
        const features = custom
          ? ["Requests, tokens and concurrency set per account", "Unlimited-scale key management", "Pay-as-you-go or invoiced credits", "Priority support"]
          : [`${n(limits.rpm)} requests / minute per key`, `${n(limits.tpm)} tokens / minute per key`, `${limits.concurrent} concurrent request${limits.concurrent > 1 ? "s" : ""} per key`, `Up to ${limits.maxKeys} API keys`];
        return (
          <div
            key={offer.plan}
            className={cn(
              "relative flex flex-col rounded-2xl border bg-white p-6 shadow-[var(--shadow-card)]",
              featured ? "border-brand-500 ring-1 ring-brand-500" : "border-zinc-200",
            )}
          >
            {featured ? <span className="absolute -top-3 left-6 rounded-full bg-brand-600 px-2.5 py-0.5 text-xs font-medium text-white">Most popular</span> : null}
            <h3 className="text-base font-semibold text-zinc-950">{offer.name}</h3>
            <p className="mt-1 text-sm text-zinc-500">{offer.pitch}</p>
            <p className="mt-5 flex items-baseline gap-1.5">
              <span className="text-3xl font-semibold tracking-tight text-zinc-950">{offer.price}</span>
              <span className="text-sm text-zinc-500">{offer.cadence}</span>
            </p>
            <ul className="mt-6 flex-1 space-y-2.5 text-sm text-zinc-700">
              {features.map((f) => (
                <li key={f} className="flex gap-2.5">
                  <Check className="mt-0.5 size-4 shrink-0 text-brand-600" aria-hidden />
                  {f}
                </li>
              ))}
            </ul>
            <LinkButton
              href={custom ? env().SALES_CONTACT : signedIn ? "/dashboard/billing" : "/register"}
              variant={featured ? "primary" : "secondary"}
              className="mt-7 w-full"
            >
              {custom ? "Contact us" : offer.plan === "PRO" ? (signedIn ? "Upgrade to Pro" : "Start free, upgrade later") : signedIn ? "Go to billing" : "Create free account"}
            </LinkButton>
          </div>
        );
      })}
    </div>
  );
}
