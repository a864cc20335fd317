"use client";
// Choose a new password with a reset token.
import { resetPasswordAction } from "@/app/(auth)/actions";
import { fieldError } from "@/lib/actions/state";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/input";
import { useFormAction } from "../ui/use-form-action";

/** New-password field; success redirects to the sign-in page. */
export function ResetForm({ token, passwordRules }: { token: string; passwordRules: string }) {
  const { state, pending, busy, onSubmit } = useFormAction(resetPasswordAction);
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
      {state.status === "error" && !state.fieldErrors ? <Alert tone="error">{state.message}</Alert> : null}
      <input type="hidden" name="token" value={token} />
      <Field id="password" name="password" type="password" label="New password" autoComplete="new-password" required hint={`Use ${passwordRules}.`} error={fieldError(state, "password")} />
      <Button type="submit" className="w-full" disabled={busy}>{pending ? "Saving…" : "Set new password"}</Button>
    </form>
  );
}
