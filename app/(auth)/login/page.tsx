// GET /login – sign in with e-mail and password, or a configured OAuth provider.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { FormHeading } from "@/components/auth/form-heading";
import { LoginForm } from "@/components/auth/login-form";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { Alert } from "@/components/ui/alert";
import { oauthProviders } from "@/lib/auth/options";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Log in" };

const ERRORS: Record<string, string> = {
  OAuthAccountNotLinked: "That e-mail already has an account. Log in with your password, then connect providers later.",
  OAuthSignin: "Could not start the sign-in with that provider. Try again.",
  OAuthCallback: "The provider did not complete the sign-in. Try again.",
  SessionRequired: "Please log in to continue.",
};

function safeCallback(value: string | string[] | undefined): string {
  const url = Array.isArray(value) ? value[0] : value;
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/dashboard";
}

// Login page.
export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const error = typeof params.error === "string" ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : null;
  return (
    <>
      <FormHeading title="Log in to SIB AI">
        New here? <Link href="/register" className="font-medium text-brand-700 hover:text-brand-800">Create an account</Link> and get $5 of credits.
      </FormHeading>
      {params.reset ? <Alert tone="success" className="mb-5">Your password was changed. Log in with the new one.</Alert> : null}
      {error ? <Alert tone="error" className="mb-5">{error}</Alert> : null}
      <OAuthButtons providers={oauthProviders()} callbackUrl={callbackUrl} />
      <LoginForm callbackUrl={callbackUrl} />
    </>
  );
}
