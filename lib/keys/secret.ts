// API key secrets: `sib-` + 48 random base62 characters. Only the SHA-256 is stored.
import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SECRET_LENGTH = 48;
export const KEY_PATTERN = /^sib-[0-9A-Za-z]{48}$/;

/** A new random key. */
export function generateKey(): string {
  const bytes = randomBytes(SECRET_LENGTH * 2);
  let out = "";
  // Rejection sampling keeps every character equally likely.
  for (const byte of bytes) {
    if (byte < 248) out += ALPHABET[byte % 62];
    if (out.length === SECRET_LENGTH) return `sib-${out}`;
  }
  return generateKey();
}

/** The stored form of a key. */
export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** What a page may show of a key: "sib-…a1b2". */
export function displayPrefix(key: string): string {
  return `sib-…${key.slice(-4)}`;
}
