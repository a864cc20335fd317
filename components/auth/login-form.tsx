"use client";
// E-mail and password sign-in through next-auth's credentials provider, errors shown inline;
// when the account has two-factor sign-in, a second step asks for the code.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/input";
import { TWO_FACTOR_REQUIRED } from "@/lib/auth/sign-in-errors";
import { useHydrated } from "../ui/use-hydrated";

/** The sign-in form; on success goes to `callbackUrl`. */
export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [needsCode, setNeedsCode] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const code = String(form.get("code") ?? "");
    const result = await signIn("credentials", { email: String(form.get("email")), password: String(form.get("password")), code, redirect: false });
    if (result?.error === TWO_FACTOR_REQUIRED) {
      setNeedsCode(true);
      setPending(false);
      return;
    }
    if (!result || result.error) {
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Wrong e-mail or password.");
      setPending(false);
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className={needsCode ? "hidden" : "space-y-5"}>
      <Field id="email" name="email" type="email" label="E-mail" autoComplete="email" required aria-invalid={error && !needsCode ? true : undefined} />
      <Field
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        required
        aria-invalid={error ? true : undefined}
        labelAction={<Link href="/forgot-password" className="text-xs font-medium text-brand-700 hover:text-brand-800">Forgot password?</Link>}
      />
      </div>
      {needsCode ? (
        <Field
          id="code"
          name="code"
          label="Authentication code"
          inputMode="text"
          autoComplete="one-time-code"
          autoFocus
          required
          aria-invalid={error ? true : undefined}
          hint="The 6-digit code from your authenticator app, or one of your recovery codes."
        />
      ) : null}
      <Button type="submit" className="w-full" disabled={pending || !hydrated}>
        {pending ? "Signing in…" : needsCode ? "Verify" : "Log in"}
      </Button>
    </form>
  );
}
