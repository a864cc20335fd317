// The key that encrypts channel API keys at rest: CHANNEL_SECRET, or — outside
// production only — a random one generated once and kept under DATA_DIR, so the
// zero-setup embedded default works.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../env";

const globalForSecret = globalThis as unknown as { __sibChannelSecret?: Buffer };

function decode(value: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
}

function developmentSecret(dataDir: string): Buffer {
  const file = path.resolve(dataDir, "channel-secret");
  try {
    return decode(readFileSync(file, "utf8").trim());
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const value = randomBytes(32).toString("hex");
    // "wx": never overwrite a secret another process wrote meanwhile.
    try {
      writeFileSync(file, `${value}\n`, { mode: 0o600, flag: "wx" });
    } catch {
      return decode(readFileSync(file, "utf8").trim());
    }
    return decode(value);
  }
}

/** The 32-byte channel encryption key. Throws in production when CHANNEL_SECRET is not set. */
export function channelSecret(): Buffer {
  if (globalForSecret.__sibChannelSecret) return globalForSecret.__sibChannelSecret;
  const config = env();
  let secret: Buffer;
  if (config.CHANNEL_SECRET) secret = decode(config.CHANNEL_SECRET);
  else if (config.NODE_ENV === "production") {
    throw new Error("CHANNEL_SECRET is required in production to encrypt channel API keys (32 bytes: `openssl rand -hex 32`).");
  } else secret = developmentSecret(config.DATA_DIR);
  if (secret.length !== 32) throw new Error("CHANNEL_SECRET must decode to exactly 32 bytes.");
  globalForSecret.__sibChannelSecret = secret;
  return secret;
}
