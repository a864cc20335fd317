// Bearer `sib-` key → the account behind it.
import { lookupKey, type KeyIdentity } from "../keys/lookup";
import { GatewayError } from "./errors";

/** The identity for a request's Authorization header; 401 invalid_api_key otherwise. */
export async function authenticate(authorization: string | undefined): Promise<KeyIdentity> {
  if (!authorization) {
    throw new GatewayError("invalid_api_key", "Missing API key. Send it as `Authorization: Bearer sib-…` (find your keys in the dashboard).");
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const identity = match ? await lookupKey(match[1]) : null;
  if (!identity) throw new GatewayError("invalid_api_key", "Invalid API key provided. Check your API key in the dashboard.");
  return identity;
}
