"use client";
// Ask for a password-reset link.
import { forgotPasswordAction } from "@/app/(auth)/actions";
import { fieldError } from "@/lib/actions/state";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/input";
import { useFormAction } from "../ui/use-form-action";

/** E-mail field; afterwards a notice that a link is on its way if the account exists. */
export function ForgotForm() {
  const { state, pending, busy, onSubmit } = useFormAction(forgotPasswordAction);
  if (state.status === "ok") {
    return (
      <Alert tone="success" title="Check your inbox">
        If an account exists for {state.data.email}, we have sent it a link to reset the password. The link works once, for one hour.
      </Alert>
    );
  }
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
      {state.status === "error" && !state.fieldErrors ? <Alert tone="error">{state.message}</Alert> : null}
      <Field id="email" name="email" type="email" label="E-mail" autoComplete="email" required error={fieldError(state, "email")} />
      <Button type="submit" className="w-full" disabled={busy}>{pending ? "Sending…" : "Send reset link"}</Button>
    </form>
  );
}
