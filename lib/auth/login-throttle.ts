// Failed sign-ins, counted two ways (in Redis/Upstash when configured, so every instance
// counts together; else, or while they cannot be reached, in this process):
// - per e-mail and client address: LOGIN_MAX_FAILURES failures lock that pair until
//   LOGIN_WINDOW_MS after its last failure;
// - per e-mail from any address: past LOGIN_MAX_FAILURES, each attempt waits a delay after
//   the last failure that doubles with every failure (capped at the window). A delay, not a
//   lock: an attacker cannot keep the owner out for longer than one delay, and gets few guesses.
// A success clears both.
import { createHash } from "node:crypto";
import { env } from "../env";
import { connectIoredis } from "../limits/ioredis-client";
import type { LimitStore } from "../limits/store-limiter";
import { connectUpstash } from "../limits/upstash-client";
import { memoryThrottleStore, sharedThrottleStore, type ThrottleStore } from "./login-throttle-store";

export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;
const FIRST_DELAY_MS = 30_000;

type Shared = { store: ThrottleStore; connection?: LimitStore };
const globalForThrottle = globalThis as unknown as { __sibLoginThrottle?: Shared };

function shared(): Shared {
  if (globalForThrottle.__sibLoginThrottle) return globalForThrottle.__sibLoginThrottle;
  const config = env();
  const prefix = `${config.REDIS_KEY_PREFIX}:login`;
  const connection = config.REDIS_URL
    ? connectIoredis(config.REDIS_URL)
    : config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN
      ? connectUpstash(config.UPSTASH_REDIS_REST_URL, config.UPSTASH_REDIS_REST_TOKEN)
      : undefined;
  globalForThrottle.__sibLoginThrottle = { connection, store: connection ? sharedThrottleStore(connection.client, prefix) : memoryThrottleStore() };
  return globalForThrottle.__sibLoginThrottle;
}

/** Keys of an e-mail (hashed: no address book in Redis) alone and with an address. */
function keysOf(email: string, address: string): [account: string, pair: string] {
  const id = createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
  return [`account:${id}`, `pair:${id}:${address}`];
}

/** How long an account waits after its `failures`-th failure (any address). */
export function accountDelayMs(failures: number): number {
  if (failures < LOGIN_MAX_FAILURES) return 0;
  return Math.min(LOGIN_WINDOW_MS, FIRST_DELAY_MS * 2 ** Math.min(failures - LOGIN_MAX_FAILURES, 30));
}

/** Milliseconds until this e-mail may try again from this address; 0 when it may try now. */
export async function loginWait(email: string, address: string, now = Date.now(), store = shared().store): Promise<number> {
  const [account, pair] = await store.read(keysOf(email, address), now);
  const pairWait = pair && pair.failures >= LOGIN_MAX_FAILURES ? pair.last + LOGIN_WINDOW_MS - now : 0;
  const accountWait = account ? account.last + accountDelayMs(account.failures) - now : 0;
  return Math.max(0, pairWait, accountWait);
}

/** Count one failed attempt of this e-mail from this address. */
export async function recordLoginFailure(email: string, address: string, now = Date.now(), store = shared().store): Promise<void> {
  await store.fail(keysOf(email, address), now, LOGIN_WINDOW_MS);
}

/** Forget an e-mail's failures after a successful sign-in. */
export async function clearLoginFailures(email: string, address: string, store = shared().store): Promise<void> {
  await store.clear(keysOf(email, address));
}

/** Close the shared store's connection (shutdown, tests). */
export async function closeLoginThrottle(): Promise<void> {
  const current = globalForThrottle.__sibLoginThrottle;
  globalForThrottle.__sibLoginThrottle = undefined;
  await current?.connection?.close();
}
