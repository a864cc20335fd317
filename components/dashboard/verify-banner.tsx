"use client";
// Shown until the account's e-mail is confirmed: the sign-up credits arrive with the confirmation.
import { resendVerificationAction } from "@/app/(dashboard)/dashboard/settings/actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { useFormAction } from "../ui/use-form-action";

/** "Confirm your e-mail" with a button that sends the link again. */
export function VerifyBanner({ email }: { email: string }) {
  const { state, pending, busy, onSubmit } = useFormAction(resendVerificationAction);
  return (
    <Alert tone="info" className="mb-6" title="Confirm your e-mail address to receive your free credits">
      <form method="post" onSubmit={onSubmit} className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-2" data-testid="verify-banner">
        <span>We sent a link to <strong>{email}</strong>. Your sign-up credits are added when you open it.</span>
        <Button type="submit" variant="secondary" size="sm" disabled={busy}>{pending ? "Sending…" : "Send the link again"}</Button>
        {state.status === "ok" ? <span role="status">Sent.</span> : null}
        {state.status === "error" ? <span role="alert">{state.message}</span> : null}
      </form>
    </Alert>
  );
}
