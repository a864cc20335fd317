// GET /register – create an account; $5 of credits on sign-up.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { FormHeading } from "@/components/auth/form-heading";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { RegisterForm } from "@/components/auth/register-form";
import { oauthProviders } from "@/lib/auth/options";
import { PASSWORD_RULES } from "@/lib/auth/password";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Create account" };

// Register page.
export default async function RegisterPage() {
  if (await getCurrentUser()) redirect("/dashboard");
  return (
    <>
      <FormHeading title="Create your account">
        Already have one? <Link href="/login" className="font-medium text-brand-700 hover:text-brand-800">Log in</Link>
      </FormHeading>
      <OAuthButtons providers={oauthProviders()} callbackUrl="/dashboard" />
      <RegisterForm passwordRules={PASSWORD_RULES} />
      <p className="mt-6 text-xs leading-5 text-zinc-500">You get $5 of free credits. No credit card required.</p>
    </>
  );
}
