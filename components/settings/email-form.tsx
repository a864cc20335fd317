"use client";
// Change the sign-in address: a link goes to the new address, and the change happens when it is opened.
import { changeEmailAction } from "@/app/(dashboard)/dashboard/settings/actions";
import { fieldError } from "@/lib/actions/state";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/input";
import { useFormAction } from "../ui/use-form-action";

/** The current address and a field for the new one. */
export function EmailForm({ email, verified }: { email: string; verified: boolean }) {
  const { state, pending, busy, onSubmit } = useFormAction(changeEmailAction);
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
      <p className="text-sm text-zinc-600">
        You sign in with <strong className="text-zinc-900">{email}</strong>{verified ? " (confirmed)." : " (not confirmed yet)."}
      </p>
      {state.status === "ok" ? <Alert tone="success">We sent a link to {state.data.email}. Your address changes when you open it.</Alert> : null}
      {state.status === "error" && !state.fieldErrors ? <Alert tone="error">{state.message}</Alert> : null}
      <Field id="new-email" name="email" type="email" label="New e-mail address" autoComplete="email" required error={fieldError(state, "email")} />
      <Button type="submit" variant="secondary" disabled={busy}>{pending ? "Sending…" : "Send confirmation link"}</Button>
    </form>
  );
}
