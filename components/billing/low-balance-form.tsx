"use client";
// The low-balance alert: the balance below which the dashboard shows a banner and one e-mail is sent.
import { BellRing } from "lucide-react";
import { useRouter } from "next/navigation";
import { lowBalanceAction } from "@/app/(dashboard)/dashboard/billing/actions";
import { fieldError } from "@/lib/actions/state";
import { Button } from "../ui/button";
import { Field } from "../ui/input";
import { useFormAction } from "../ui/use-form-action";

/** The threshold field (dollars) and its Save button; `current` is today's threshold as field text, `below` whether the balance is under it now. */
export function LowBalanceForm({ current, below }: { current: string; below: boolean }) {
  const router = useRouter();
  const { state, busy, onSubmit } = useFormAction(lowBalanceAction, () => router.refresh());
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <p className="text-sm text-zinc-600" data-testid="low-balance-state">
        {below ? "Your balance is below it now: the banner shows until you add credits." : "Your balance is above it."}
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <Field
          id="low-balance-threshold" name="threshold" label="Alert below (USD)" inputMode="decimal" autoComplete="off"
          defaultValue={current} className="w-40" error={fieldError(state, "threshold")}
        />
        <Button type="submit" variant="secondary" disabled={busy}><BellRing aria-hidden /> Save alert</Button>
      </div>
      {state.status === "ok" ? <p role="status" className="text-sm text-emerald-700">Saved. You are e-mailed once each time your balance falls below it, and once when it reaches zero.</p> : null}
      {state.status === "error" && !fieldError(state, "threshold") ? <p role="alert" className="text-sm text-red-700">{state.message}</p> : null}
    </form>
  );
}
