// GET /verify-email?token=… – confirm an e-mail address from an e-mailed link (one click, so mail scanners that fetch links do not use it up).
import type { Metadata } from "next";
import { ConfirmEmailForm } from "@/components/auth/confirm-email-form";
import { FormHeading } from "@/components/auth/form-heading";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Confirm your e-mail address" };

// Verify-email page.
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <>
      <FormHeading title="Confirm your e-mail address">One click and your address is confirmed.</FormHeading>
      {token ? <ConfirmEmailForm token={token} /> : <Alert tone="error" title="This link is incomplete">Open the link from the e-mail exactly as it was sent.</Alert>}
    </>
  );
}
