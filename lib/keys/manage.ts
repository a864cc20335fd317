// Key management as the dashboard calls it: not-found answers become UserErrors (404).
import { UserError } from "../actions/errors";
import { allModels } from "../gateway/catalog";
import type { KeyControlsInput } from "./controls";
import { createApiKey, revokeApiKey, rotateApiKey, setKeyControls, type CreatedKey } from "./store";

const NOT_FOUND = "That key does not exist or was already revoked.";

export type ShownKey = Omit<CreatedKey, "createdAt">;

function shown(key: CreatedKey): ShownKey {
  return { id: key.id, name: key.name, key: key.key, prefix: key.prefix };
}

/** Refuse models that are not in the catalog (a form can send anything). */
async function checkModels(controls: KeyControlsInput): Promise<void> {
  const known = new Set((await allModels()).map((m) => m.id));
  const unknown = controls.allowedModels.filter((id) => !known.has(id));
  if (unknown.length) throw new UserError(`Unknown model: ${unknown.join(", ")}.`, "models");
}

/** Create a named key with its controls; the plan's cap applies. */
export async function createKeyFor(userId: string, name: string, controls: KeyControlsInput): Promise<ShownKey> {
  await checkModels(controls);
  return shown(await createApiKey(userId, name, controls));
}

/** Replace the controls of one of the user's keys, or a 404 UserError. */
export async function setKeyControlsFor(userId: string, keyId: string, controls: KeyControlsInput): Promise<void> {
  await checkModels(controls);
  if (!(await setKeyControls(userId, keyId, controls))) throw new UserError(NOT_FOUND, undefined, 404);
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
