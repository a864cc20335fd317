"use server";
// Server actions of the settings page.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/actions/safe-action";
import { UserError } from "@/lib/actions/errors";
import QRCode from "qrcode";
import { AccountError } from "@/lib/accounts/create";
import { requestEmailChange, sendVerification } from "@/lib/accounts/email-links";
import { changePassword, deleteAccount, updateName } from "@/lib/accounts/settings";
import { closeAllSessions, closeSession } from "@/lib/auth/sessions";
import { beginEnrollment, confirmEnrollment, disableTwoFactor } from "@/lib/auth/two-factor";

// Save the display name.
export const updateNameAction = userAction(z.object({ name: z.string().max(100, "Use at most 100 characters.") }), async (input, user) => {
  await updateName(user.id, input.name);
  revalidatePath("/dashboard", "layout");
  return null;
});

// Change the password (the current one is checked); every other browser is signed out.
export const changePasswordAction = userAction(
  z.object({ current: z.string().default(""), password: z.string().min(1, "Choose a new password.") }),
  async (input, user) => {
    await changePassword(user.id, input.current, input.password);
    await closeAllSessions(user.id, user.sessionId);
    revalidatePath("/dashboard/settings");
    return null;
  },
);

// Close the account after the person typed their e-mail to confirm.
export const deleteAccountAction = userAction(z.object({ confirm: z.string() }), async (input, user) => {
  if (input.confirm.trim().toLowerCase() !== user.email) throw new UserError("Type your e-mail address exactly to confirm.", "confirm");
  await deleteAccount(user.id);
  return null;
});

// Send the e-mail verification link again.
export const resendVerificationAction = userAction(z.object({}), async (_input, user) => {
  await sendVerification(user.id);
  return null;
});

// E-mail a link to the new address; the change happens when it is opened.
export const changeEmailAction = userAction(z.object({ email: z.string().trim().min(1, "Enter the new address.").max(254) }), async (input, user) => {
  try {
    return { email: await requestEmailChange(user.id, input.email) };
  } catch (err) {
    if (err instanceof AccountError) throw new UserError(err.message, "email");
    throw err;
  }
});

// Sign out every browser, this one included (the form then signs this one out too).
export const signOutEverywhereAction = userAction(z.object({}), async (_input, user) => {
  await closeAllSessions(user.id);
  return null;
});

// Sign out one other browser.
export const closeSessionAction = userAction(z.object({ id: z.string().min(1) }), async (input, user) => {
  await closeSession(user.id, input.id);
  revalidatePath("/dashboard/settings");
  return null;
});

// Start two-factor enrollment: a fresh secret and its otpauth:// URI as a QR code.
export const beginTwoFactorAction = userAction(z.object({}), async (_input, user) => {
  const { secret, uri } = await beginEnrollment(user.id);
  return { secret, qr: await QRCode.toDataURL(uri, { margin: 1, width: 200 }) };
});

// Confirm enrollment with a code from the app; returns the recovery codes, shown once.
export const confirmTwoFactorAction = userAction(z.object({ code: z.string().trim().min(1, "Enter the 6-digit code.") }), async (input, user) => {
  try {
    return { codes: await confirmEnrollment(user.id, input.code) };
  } catch (err) {
    if (err instanceof AccountError) throw new UserError(err.message, "code");
    throw err;
  }
});

// Turn two-factor off with a current code or a recovery code.
export const disableTwoFactorAction = userAction(z.object({ code: z.string().trim().min(1, "Enter a code.") }), async (input, user) => {
  try {
    await disableTwoFactor(user.id, input.code);
  } catch (err) {
    if (err instanceof AccountError) throw new UserError(err.message, "code");
    throw err;
  }
  revalidatePath("/dashboard/settings");
  return null;
});
