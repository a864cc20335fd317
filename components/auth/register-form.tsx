"use client";
// Sign-up: creates the account through a server action, then signs in with the same credentials.
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { registerAction } from "@/app/(auth)/actions";
import { fieldError } from "@/lib/actions/state";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/input";
import { useFormAction } from "../ui/use-form-action";

/** The sign-up form with inline errors for e-mail and password. */
export function RegisterForm({ passwordRules }: { passwordRules: string }) {
  const router = useRouter();
  const { state, pending, busy, onSubmit } = useFormAction(registerAction, async (_data, form) => {
    const result = await signIn("credentials", { email: String(form.get("email")), password: String(form.get("password")), redirect: false });
    router.replace(result?.ok ? "/dashboard?welcome=1" : "/login");
    router.refresh();
  });
  const formError = state.status === "error" && !state.fieldErrors ? state.message : null;
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Field id="name" name="name" label={<>Name <span className="font-normal text-zinc-500">(optional)</span></>} autoComplete="name" maxLength={100} />
      <Field id="email" name="email" type="email" label="E-mail" autoComplete="email" required error={fieldError(state, "email")} />
      <Field
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="new-password"
        required
        hint={`Use ${passwordRules}.`}
        error={fieldError(state, "password")}
      />
      <Button type="submit" className="w-full" disabled={busy || state.status === "ok"}>
        {pending || state.status === "ok" ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
