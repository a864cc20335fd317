"use client";
// Two-factor sign-in: scan a QR code, confirm a code, keep the recovery codes; or turn it off.
import { useState } from "react";
import { beginTwoFactorAction, confirmTwoFactorAction, disableTwoFactorAction } from "@/app/(dashboard)/dashboard/settings/actions";
import { fieldError } from "@/lib/actions/state";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { CopyButton } from "../ui/copy-button";
import { Field } from "../ui/input";
import { useFormAction } from "../ui/use-form-action";

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="space-y-3">
      <Alert tone="success" title="Two-factor sign-in is on">
        Keep these recovery codes somewhere safe. Each one signs you in once if you lose your phone. They are not shown again.
      </Alert>
      <ul className="grid grid-cols-2 gap-2 rounded-lg bg-zinc-950 p-4 font-mono text-sm text-zinc-100" data-testid="recovery-codes">
        {codes.map((c) => <li key={c}>{c}</li>)}
      </ul>
      <CopyButton value={codes.join("\n")} label="Copy codes" />
    </div>
  );
}

function Enroll() {
  const begin = useFormAction(beginTwoFactorAction);
  const [codes, setCodes] = useState<string[] | null>(null);
  const confirm = useFormAction(confirmTwoFactorAction, (data) => setCodes(data.codes));
  if (codes) return <RecoveryCodes codes={codes} />;
  if (begin.state.status !== "ok") {
    return (
      <form method="post" onSubmit={begin.onSubmit} className="flex flex-wrap items-center justify-between gap-4">
        <p className="max-w-md text-sm text-zinc-600">Sign-in asks for a code from an authenticator app (1Password, Google Authenticator, Authy…) after your password.</p>
        <Button type="submit" disabled={begin.busy}>{begin.pending ? "Preparing…" : "Set up two-factor sign-in"}</Button>
      </form>
    );
  }
  const { secret, qr } = begin.state.data;
  return (
    <form method="post" onSubmit={confirm.onSubmit} className="space-y-5" noValidate>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-center">
        {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server */}
        <img src={qr} alt="QR code for your authenticator app" width={160} height={160} className="rounded-lg border border-zinc-200" />
        <div className="min-w-0 space-y-2 text-sm text-zinc-600">
          <p>Scan the code with your authenticator app, or enter this key:</p>
          <code className="block break-all rounded bg-zinc-100 px-2 py-1 font-mono text-[13px] text-zinc-900" data-testid="totp-secret">{secret}</code>
        </div>
      </div>
      <Field id="totp-code" name="code" label="Code from the app" inputMode="numeric" autoComplete="one-time-code" required error={fieldError(confirm.state, "code")} className="max-w-xs" />
      <Button type="submit" disabled={confirm.busy}>{confirm.pending ? "Checking…" : "Turn on"}</Button>
    </form>
  );
}

function Disable({ codesLeft }: { codesLeft: number }) {
  const { state, pending, busy, onSubmit } = useFormAction(disableTwoFactorAction);
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
      <Alert tone="success" title="Two-factor sign-in is on">{codesLeft} recovery {codesLeft === 1 ? "code" : "codes"} left.</Alert>
      {state.status === "error" && !state.fieldErrors ? <Alert tone="error">{state.message}</Alert> : null}
      <Field id="disable-code" name="code" label="Code from the app or a recovery code" autoComplete="one-time-code" required error={fieldError(state, "code")} className="max-w-xs" />
      <Button type="submit" variant="secondary" disabled={busy}>{pending ? "Turning off…" : "Turn off two-factor sign-in"}</Button>
    </form>
  );
}

/** The settings card's body: enroll when off, turn off when on. */
export function TwoFactor({ enabled, codesLeft }: { enabled: boolean; codesLeft: number }) {
  return enabled ? <Disable codesLeft={codesLeft} /> : <Enroll />;
}
