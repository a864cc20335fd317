// What a key's owner allows it: an expiry, client addresses, models, a spend limit. The key
// cache carries them (lib/keys/lookup.ts), so checking them costs no round trip; the spend
// limit itself is enforced by the hold (lib/billing/ledger.ts placeHold), this module words it.
import { listed } from "../client-address";
import type { KeyIdentity } from "../keys/lookup";
import { periodPhrase, periodReset } from "../keys/spend-period";
import { formatMoney } from "../money-format";
import { GatewayError } from "./errors";

/** Where the owner changes a key's controls, for the messages. */
const where = (identity: KeyIdentity) => `in the dashboard (Keys → ${identity.controls.name})`;

/** Refuse an expired key (401) or a call from an address outside the key's list (403). */
export function checkKeyAccess(identity: KeyIdentity, clientIp: string | undefined, now = Date.now()): void {
  const { expiresAt, allowedIps } = identity.controls;
  if (expiresAt !== null && expiresAt <= now) {
    const day = new Date(expiresAt).toISOString().slice(0, 10);
    throw new GatewayError("invalid_api_key", `This key expired on ${day}; create a new key or change its expiry ${where(identity)}.`);
  }
  const address = clientIp ?? "unknown";
  if (allowedIps && !listed(allowedIps, address)) {
    throw new GatewayError("address_not_allowed_for_key", `This key may not be used from your address (${address}). Add it to the key's allowed addresses ${where(identity)}.`);
  }
}

/** Refuse a model outside the key's list (403). */
export function checkKeyModel(identity: KeyIdentity, model: string): void {
  const { allowedModels } = identity.controls;
  if (allowedModels && !allowedModels.has(model)) {
    throw new GatewayError("model_not_allowed_for_key", `This key may not call ${model}; it may call ${[...allowedModels].sort().join(", ")}. Change its models ${where(identity)}.`, "model");
  }
}

/** The 402 for a hold the key's spend limit refused: the limit, its period and when it resets. */
export function spendLimitReached(identity: KeyIdentity, now = new Date()): GatewayError {
  const limit = identity.controls.spendLimit!;
  const reset = periodReset(limit.period, now);
  const when = reset ? `it resets at ${reset.toISOString().replace(".000Z", "Z")}` : "it does not reset";
  return new GatewayError(
    "key_spend_limit_reached",
    `This key's spend limit of ${formatMoney(limit.amount)} ${periodPhrase(limit.period)} is reached (this request's maximum cost would pass it); ${when}. Raise or remove the limit ${where(identity)}, or lower max_tokens.`,
  );
}
