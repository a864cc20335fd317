// GET /forgot-password – ask for a password-reset link by e-mail.
import type { Metadata } from "next";
import Link from "next/link";
import { FormHeading } from "@/components/auth/form-heading";
import { ForgotForm } from "@/components/auth/forgot-form";

export const metadata: Metadata = { title: "Reset password" };

// Forgot-password page.
export default function ForgotPasswordPage() {
  return (
    <>
      <FormHeading title="Reset your password">Enter the e-mail of your account and we will send you a link to choose a new password.</FormHeading>
      <ForgotForm />
      <p className="mt-6 text-sm text-zinc-600">
        Remembered it? <Link href="/login" className="font-medium text-brand-700 hover:text-brand-800">Back to log in</Link>
      </p>
    </>
  );
}
