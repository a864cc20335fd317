"use client";
// Auto top-up: "when my balance falls below X, add Y" with the card saved through Stripe Checkout.
import { CreditCard, LoaderCircle, RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { autoTopupAction, autoTopupOffAction, replaceCardAction } from "@/app/(dashboard)/dashboard/billing/actions";
import { fieldError } from "@/lib/actions/state";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Field } from "../ui/input";
import { useFormAction } from "../ui/use-form-action";
import { useStripeRedirect } from "./stripe-redirect";

type Props = { enabled: boolean; hasCard: boolean; below: string; amount: string; disabled: boolean; min: number; max: number };

/** The two amounts, the on/off state, and turning off or replacing the card. */
export function AutoTopupForm({ enabled, hasCard, below, amount, disabled, min, max }: Props) {
  const router = useRouter();
  const save = useFormAction(autoTopupAction, (data) => (data.url ? window.location.assign(data.url) : router.refresh()));
  const off = useFormAction(autoTopupOffAction, () => router.refresh());
  const replace = useStripeRedirect(replaceCardAction);
  const leaving = save.pending || (save.state.status === "ok" && save.state.data.url !== null);
  const label = hasCard ? (enabled ? "Save auto top-up" : "Turn on auto top-up") : "Save a card and turn on";
  return (
    <div className="space-y-4">
      <p className="flex flex-wrap items-center gap-2 text-sm text-zinc-600" data-testid="auto-topup-status">
        {enabled ? <Badge tone="green">On</Badge> : <Badge tone="neutral">Off</Badge>}
        {enabled ? `When your balance falls below $${below}, $${amount} is charged to your saved card.` : hasCard ? "Your card is saved; auto top-up is off." : "No card saved yet."}
      </p>
      <form onSubmit={save.onSubmit} noValidate className="space-y-3">
        <fieldset disabled={disabled} className="grid gap-3 sm:grid-cols-2">
          <Field id="auto-topup-below" name="below" label="Top up below (USD)" inputMode="decimal" autoComplete="off" defaultValue={below || "5.00"} error={fieldError(save.state, "below")} />
          <Field id="auto-topup-amount" name="amount" label="Top-up amount (USD)" inputMode="decimal" autoComplete="off" defaultValue={amount || "25.00"} hint={`Between $${min} and $${max.toLocaleString("en-US")}.`} error={fieldError(save.state, "amount")} />
        </fieldset>
        {save.state.status === "error" && !fieldError(save.state, "below") && !fieldError(save.state, "amount") ? <p role="alert" className="text-sm text-red-700">{save.state.message}</p> : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={disabled || save.busy || leaving}>
            {leaving ? <LoaderCircle className="animate-spin" aria-hidden /> : <CreditCard aria-hidden />}
            {label}
          </Button>
          <p className="text-xs text-zinc-500">Charged once per drop below the line, booked like any purchase, with a receipt.</p>
        </div>
      </form>
      {hasCard ? (
        <div className="flex flex-wrap gap-3 border-t border-zinc-100 pt-4">
          {enabled ? (
            <form onSubmit={off.onSubmit}>
              <Button type="submit" variant="secondary" size="sm" disabled={off.busy}>Turn off</Button>
            </form>
          ) : null}
          <form onSubmit={replace.onSubmit}>
            <Button type="submit" variant="ghost" size="sm" disabled={disabled || replace.pending}><RefreshCw aria-hidden /> Use another card</Button>
          </form>
          {replace.state.status === "error" ? <p role="alert" className="text-sm text-red-700">{replace.state.message}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
