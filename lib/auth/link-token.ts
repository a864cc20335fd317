// Tokens for e-mailed links: random, and stored only as their SHA-256.
import { createHash, randomBytes } from "node:crypto";

/** The stored form of a link token. */
export function linkTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A fresh link token and its hash. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: linkTokenHash(token) };
}
