// GET /reset-password?token=… – choose a new password from an e-mailed link.
import type { Metadata } from "next";
import Link from "next/link";
import { FormHeading } from "@/components/auth/form-heading";
import { ResetForm } from "@/components/auth/reset-form";
import { Alert } from "@/components/ui/alert";
import { PASSWORD_RULES } from "@/lib/auth/password";
import { resetTokenValid } from "@/lib/auth/password-reset";

export const metadata: Metadata = { title: "Choose a new password" };

// Reset-password page.
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const valid = token ? await resetTokenValid(token) : false;
  return (
    <>
      <FormHeading title="Choose a new password" />
      {valid && token ? (
        <ResetForm token={token} passwordRules={PASSWORD_RULES} />
      ) : (
        <Alert tone="error" title="This link cannot be used">
          It has expired or was already used. <Link href="/forgot-password" className="font-medium underline">Ask for a new link</Link>.
        </Alert>
      )}
    </>
  );
}
