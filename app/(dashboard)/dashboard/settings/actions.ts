"use server";
// Server actions of the settings page.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/actions/safe-action";
import { UserError } from "@/lib/actions/errors";
import { changePassword, deleteAccount, updateName } from "@/lib/accounts/settings";

// Save the display name.
export const updateNameAction = userAction(z.object({ name: z.string().max(100, "Use at most 100 characters.") }), async (input, user) => {
  await updateName(user.id, input.name);
  revalidatePath("/dashboard", "layout");
  return null;
});

// Change the password (the current one is checked).
export const changePasswordAction = userAction(
  z.object({ current: z.string().default(""), password: z.string().min(1, "Choose a new password.") }),
  async (input, user) => {
    await changePassword(user.id, input.current, input.password);
    return null;
  },
);

// Close the account after the person typed their e-mail to confirm.
export const deleteAccountAction = userAction(z.object({ confirm: z.string() }), async (input, user) => {
  if (input.confirm.trim().toLowerCase() !== user.email) throw new UserError("Type your e-mail address exactly to confirm.", "confirm");
  await deleteAccount(user.id);
  return null;
});
