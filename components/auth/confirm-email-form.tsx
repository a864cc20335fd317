"use client";
// The one button that uses an e-mailed link.
import { confirmEmailAction } from "@/app/(auth)/actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { useFormAction } from "../ui/use-form-action";

/** Confirms the address behind `token`; success goes to the dashboard. */
export function ConfirmEmailForm({ token }: { token: string }) {
  const { state, pending, busy, onSubmit } = useFormAction(confirmEmailAction);
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
      {state.status === "error" ? <Alert tone="error" title="This link cannot be used">{state.message}</Alert> : null}
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="w-full" disabled={busy}>{pending ? "Confirming…" : "Confirm e-mail address"}</Button>
    </form>
  );
}
