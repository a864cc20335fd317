// Key management as the dashboard calls it: not-found answers become UserErrors (404).
import { UserError } from "../actions/errors";
import { createApiKey, revokeApiKey, rotateApiKey, type CreatedKey } from "./store";

const NOT_FOUND = "That key does not exist or was already revoked.";

export type ShownKey = Omit<CreatedKey, "createdAt">;

function shown(key: CreatedKey): ShownKey {
  return { id: key.id, name: key.name, key: key.key, prefix: key.prefix };
}

/** Create a named key; the plan's cap applies. */
export async function createKeyFor(userId: string, name: string): Promise<ShownKey> {
  return shown(await createApiKey(userId, name));
}

/** Rotate one of the user's keys, or a 404 UserError. */
export async function rotateKeyFor(userId: string, keyId: string): Promise<ShownKey> {
  const key = await rotateApiKey(userId, keyId);
  if (!key) throw new UserError(NOT_FOUND, undefined, 404);
  return shown(key);
}

/** Revoke one of the user's keys, or a 404 UserError. */
export async function revokeKeyFor(userId: string, keyId: string): Promise<void> {
  if (!(await revokeApiKey(userId, keyId))) throw new UserError(NOT_FOUND, undefined, 404);
}
