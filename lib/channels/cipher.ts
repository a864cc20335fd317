// Channel API keys at rest: AES-256-GCM with a random 96-bit IV per key; the stored
// form is "v1:" + base64url(iv) + "." + base64url(tag) + "." + base64url(ciphertext).
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { channelSecret } from "./secret";

const VERSION = "v1:";

/** Encrypt an upstream API key for the Channel table. */
export function encryptApiKey(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", channelSecret(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return VERSION + [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64url")).join(".");
}

/** Decrypt a stored key. Throws when it was written under another CHANNEL_SECRET or altered. */
export function decryptApiKey(stored: string): string {
  if (!stored.startsWith(VERSION)) throw new Error("unknown channel key format");
  const [iv, tag, data] = stored.slice(VERSION.length).split(".").map((p) => Buffer.from(p, "base64url"));
  const decipher = createDecipheriv("aes-256-gcm", channelSecret(), iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("its API key cannot be decrypted with this CHANNEL_SECRET (another secret, or altered)");
  }
}

/** The last four characters, for display ("…abcd"). */
export function apiKeyHint(plain: string): string {
  return plain.length > 8 ? plain.slice(-4) : "";
}
