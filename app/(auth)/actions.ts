"use server";
// Server actions of the sign-up and password-reset forms.
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction } from "@/lib/actions/safe-action";
import { UserError } from "@/lib/actions/errors";
import { register } from "@/lib/auth/register";
import { requestPasswordReset, resetPassword, ResetError } from "@/lib/auth/password-reset";
import { LinkError, redeemEmailLink } from "@/lib/accounts/email-links";

const email = z.string().trim().min(1, "Enter your e-mail address.").max(254);

// Create an account; the form then signs in with the same credentials.
export const registerAction = publicAction(
  z.object({ name: z.string().max(100).optional(), email, password: z.string().min(1, "Choose a password.") }),
  (input) => register(input),
);

// E-mail a reset link (the answer is the same whether or not the account exists).
export const forgotPasswordAction = publicAction(z.object({ email }), async (input) => {
  await requestPasswordReset(input.email);
  return { email: input.email };
});

// Set a new password with a reset token, then go to the sign-in page.
export const resetPasswordAction = publicAction(
  z.object({ token: z.string().min(1), password: z.string().min(1, "Choose a new password.") }),
  async (input) => {
    try {
      await resetPassword(input.token, input.password);
    } catch (err) {
      if (err instanceof ResetError) throw new UserError(err.message, "password");
      throw err;
    }
    redirect("/login?reset=1");
  },
);

// Use an e-mailed link (verify the address, or move the account to a new one), then go to the dashboard.
export const confirmEmailAction = publicAction(z.object({ token: z.string().min(1) }), async (input) => {
  try {
    const { purpose } = await redeemEmailLink(input.token);
    redirect(purpose === "verify" ? "/dashboard?verified=1" : "/dashboard/settings?email-changed=1");
  } catch (err) {
    if (err instanceof LinkError) throw new UserError(err.message);
    throw err;
  }
});
