"use server";
// Server actions of the API keys page.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/actions/safe-action";
import { createKeyFor, revokeKeyFor, rotateKeyFor } from "@/lib/keys/manage";

const keyId = z.object({ id: z.string().min(1).max(64) });

// Create a key; its secret is returned once.
export const createKeyAction = userAction(z.object({ name: z.string().trim().max(60, "Use at most 60 characters.") }), async (input, user) => {
  const key = await createKeyFor(user.id, input.name);
  revalidatePath("/dashboard/keys");
  return key;
});

// Give a key a new secret (returned once); the old one stops working at once.
export const rotateKeyAction = userAction(keyId, async (input, user) => {
  const key = await rotateKeyFor(user.id, input.id);
  revalidatePath("/dashboard/keys");
  return key;
});

// Revoke a key.
export const revokeKeyAction = userAction(keyId, async (input, user) => {
  await revokeKeyFor(user.id, input.id);
  revalidatePath("/dashboard/keys");
  return null;
});
