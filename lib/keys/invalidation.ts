// Cached keys (and the model catalog) are dropped on every instance at once: a Redis
// pub/sub message when REDIS_URL is set. Without Redis (one process, or Upstash's REST API, which has no
// subscriptions) a change reaches other instances when their 5 s cache entry expires.
import IORedis from "ioredis";
import { env } from "../env";
import { log } from "../log";

const channel = () => `${env().REDIS_KEY_PREFIX}:keys:forget`;
export type ForgetMessage = { hash: string } | { userId: string } | { catalog: true };
type Handler = (message: ForgetMessage) => void;

type Bus = { publisher: IORedis; subscriber: IORedis };
const globalForBus = globalThis as unknown as { __sibKeyBus?: Bus | null; __sibBusHandlers?: Set<Handler> };
const handlers = (globalForBus.__sibBusHandlers ??= new Set());

function connect(): Bus | null {
  const url = env().REDIS_URL;
  if (!url) return null;
  const options = { maxRetriesPerRequest: 1, lazyConnect: false };
  const publisher = new IORedis(url, options);
  const subscriber = new IORedis(url, options);
  for (const conn of [publisher, subscriber]) conn.on("error", (err: Error) => log.warn(`key cache bus: ${err.message}`));
  subscriber.subscribe(channel()).catch((err: Error) => log.warn(`key cache bus: ${err.message}`));
  subscriber.on("message", (_channel: string, raw: string) => {
    try {
      const message = JSON.parse(raw) as ForgetMessage;
      for (const handler of handlers) handler(message);
    } catch {
      log.warn("key cache bus: ignored a malformed message");
    }
  });
  return { publisher, subscriber };
}

/** Start listening (one connection per process) for other instances' changes; `onMessage` joins the handlers. */
export function listenForKeyChanges(onMessage: Handler): void {
  handlers.add(onMessage);
  if (globalForBus.__sibKeyBus === undefined) globalForBus.__sibKeyBus = connect();
}

/** Tell the other instances to drop a key, a user's keys or the catalog. */
export async function announceKeyChange(message: ForgetMessage, onMessage: Handler): Promise<void> {
  listenForKeyChanges(onMessage);
  await globalForBus.__sibKeyBus?.publisher.publish(channel(), JSON.stringify(message)).catch((err: Error) => {
    log.warn(`key cache bus: could not announce a key change (${err.message}); other instances see it within 5 s`);
  });
}

/** Close the bus connections (graceful shutdown, tests). */
export async function closeKeyBus(): Promise<void> {
  const bus = globalForBus.__sibKeyBus;
  globalForBus.__sibKeyBus = undefined;
  if (bus) await Promise.allSettled([bus.publisher.quit(), bus.subscriber.quit()]);
}
