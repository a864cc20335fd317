"use client";
// Buy credits: a few fixed amounts or a custom one, then Stripe Checkout.
import { CreditCard, LoaderCircle } from "lucide-react";
import { useState } from "react";
import { buyCreditsAction } from "@/app/(dashboard)/dashboard/billing/actions";
import { fieldError } from "@/lib/actions/state";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Input } from "../ui/input";
import { useStripeRedirect } from "./stripe-redirect";

const option = "flex h-12 cursor-pointer items-center justify-center rounded-lg border text-sm font-semibold tabular-nums transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500/40";

type Props = { presets: readonly number[]; min: number; max: number; disabled: boolean };

/** The amount picker (presets in whole dollars) and its checkout button; `disabled` when billing is not configured. */
export function BuyCreditsForm({ presets, min, max, disabled }: Props) {
  const [choice, setChoice] = useState<string>("25");
  const { state, pending, onSubmit } = useStripeRedirect(buyCreditsAction);
  const leaving = pending || state.status === "ok";
  const amountError = fieldError(state, "amount");
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <fieldset disabled={disabled}>
        <legend className="mb-2 text-sm font-medium text-zinc-800">Amount</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-5">
          {presets.map((usd) => (
            <label key={usd} className={cn(option, choice === String(usd) ? "border-brand-600 bg-brand-50 text-brand-800 ring-1 ring-brand-600" : "border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50", disabled && "cursor-not-allowed opacity-60")}>
              <input type="radio" name="amount" value={usd} checked={choice === String(usd)} onChange={() => setChoice(String(usd))} className="sr-only" />
              ${usd}
            </label>
          ))}
          <label className={cn(option, "col-span-2 sm:col-span-1", choice === "custom" ? "border-brand-600 bg-brand-50 text-brand-800 ring-1 ring-brand-600" : "border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50", disabled && "cursor-not-allowed opacity-60")}>
            <input type="radio" name="amount" value="custom" checked={choice === "custom"} onChange={() => setChoice("custom")} className="sr-only" />
            Custom
          </label>
        </div>
        {choice === "custom" ? (
          <div className="mt-4 max-w-xs space-y-1.5">
            <label htmlFor="custom-amount" className="block text-sm font-medium text-zinc-800">Custom amount (USD)</label>
            <div className="relative">
              <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-sm text-zinc-500" aria-hidden>$</span>
              <Input
                id="custom-amount" name="custom" inputMode="decimal" autoComplete="off" placeholder="75.00" autoFocus className="pl-7"
                aria-invalid={amountError ? true : undefined} aria-describedby={amountError ? "custom-amount-error" : "custom-amount-hint"}
              />
            </div>
            {amountError ? <p id="custom-amount-error" className="text-xs font-medium text-red-600">{amountError}</p> : <p id="custom-amount-hint" className="text-xs text-zinc-500">Between ${min} and ${max.toLocaleString("en-US")}.</p>}
          </div>
        ) : null}
      </fieldset>
      {state.status === "error" && !amountError ? <Alert tone="error">{state.message}</Alert> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={disabled || leaving}>
          {leaving ? <LoaderCircle className="animate-spin" aria-hidden /> : <CreditCard aria-hidden />}
          Continue to checkout
        </Button>
        <p className="text-xs text-zinc-500">Secure payment by Stripe. Credits never expire and pay for usage on any plan.</p>
      </div>
    </form>
  );
}
