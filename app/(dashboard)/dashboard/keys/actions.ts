"use server";
// Server actions of the API keys page.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/actions/safe-action";
import { keyControlsForm } from "@/lib/keys/controls";
import { createKeyFor, revokeKeyFor, rotateKeyFor, setKeyControlsFor } from "@/lib/keys/manage";

const keyId = z.object({ id: z.string().min(1).max(64) });

const name = z.object({ name: z.string().trim().max(60, "Use at most 60 characters.") });

// Create a key with its controls; its secret is returned once.
export const createKeyAction = userAction(z.intersection(name, keyControlsForm), async (input, user) => {
  const key = await createKeyFor(user.id, input.name, input);
  revalidatePath("/dashboard/keys");
  return key;
});

// Set a key's spend limit, expiry, models and addresses.
export const setKeyControlsAction = userAction(z.intersection(keyId, keyControlsForm), async (input, user) => {
  await setKeyControlsFor(user.id, input.id, input);
  revalidatePath("/dashboard/keys");
  revalidatePath(`/dashboard/keys/${input.id}`);
  return null;
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
