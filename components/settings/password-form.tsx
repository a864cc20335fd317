"use client";
// Change the password.
import { useRef } from "react";
import { changePasswordAction } from "@/app/(dashboard)/dashboard/settings/actions";
import { fieldError } from "@/lib/actions/state";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/input";
import { useFormAction } from "../ui/use-form-action";

/** Current and new password; accounts without a password (OAuth) only set a new one. */
export function PasswordForm({ hasPassword, rules }: { hasPassword: boolean; rules: string }) {
  const ref = useRef<HTMLFormElement>(null);
  const { state, pending, busy, onSubmit } = useFormAction(changePasswordAction, () => ref.current?.reset());
  return (
    <form ref={ref} method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
      {state.status === "error" && !state.fieldErrors ? <Alert tone="error">{state.message}</Alert> : null}
      {state.status === "ok" ? <Alert tone="success">Password changed.</Alert> : null}
      {hasPassword ? <Field id="current-password" name="current" type="password" label="Current password" autoComplete="current-password" required /> : null}
      <Field id="new-password" name="password" type="password" label="New password" autoComplete="new-password" required hint={`Use ${rules}.`} error={fieldError(state, "password")} />
      <Button type="submit" disabled={busy}>{pending ? "Saving…" : hasPassword ? "Change password" : "Set password"}</Button>
    </form>
  );
}
