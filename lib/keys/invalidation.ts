// Changes reach every instance at once: a Redis pub/sub message per topic when REDIS_URL
// is set (cached keys dropped; channel edits reloaded). Without Redis (one process, or
// Upstash's REST API, which has no subscriptions) a change reaches other instances when
// their cache entry expires (keys: 5 s; channels: their periodic reload).
import IORedis from "ioredis";
import { env } from "../env";
import { log } from "../log";
import { COMMAND_TIMEOUT_MS } from "../limits/redis-guard";

export type ForgetMessage = { hash: string } | { userId: string };
type Handler = (message: never) => void;

const topicChannel = (topic: string) => `${env().REDIS_KEY_PREFIX}:${topic}`;
const KEYS_TOPIC = "keys:forget";

type Bus = { publisher: IORedis; subscriber: IORedis; handlers: Map<string, Handler> };
const globalForBus = globalThis as unknown as { __sibKeyBus?: Bus | null };

function connect(): Bus | null {
  const url = env().REDIS_URL;
  if (!url) return null;
  // A hung Redis fails an announcement after the command timeout (logged), not never: the change it announces still completes.
  const options = { maxRetriesPerRequest: 1, lazyConnect: false, commandTimeout: COMMAND_TIMEOUT_MS };
  const publisher = new IORedis(url, options);
  const subscriber = new IORedis(url, options);
  const handlers = new Map<string, Handler>();
  for (const conn of [publisher, subscriber]) conn.on("error", (err: Error) => log.warn(`change bus: ${err.message}`));
  subscriber.on("message", (channel: string, raw: string) => {
    const handler = handlers.get(channel);
    if (!handler) return;
    try {
      (handler as (message: unknown) => void)(JSON.parse(raw));
    } catch {
      log.warn("change bus: ignored a malformed message");
    }
  });
  return { publisher, subscriber, handlers };
}

function bus(): Bus | null {
  if (globalForBus.__sibKeyBus === undefined) globalForBus.__sibKeyBus = connect();
  return globalForBus.__sibKeyBus;
}

/** The bus's publishing connection, for small shared state beside the messages (null without Redis). */
export function busConnection(): IORedis | null {
  return bus()?.publisher ?? null;
}

/** Start listening (once per process and topic) for other instances' changes on `topic`. */
export function listenOnBus<M>(topic: string, onMessage: (message: M) => void): void {
  const b = bus();
  const channel = topicChannel(topic);
  if (!b || b.handlers.has(channel)) return;
  b.handlers.set(channel, onMessage as Handler);
  b.subscriber.subscribe(channel).catch((err: Error) => log.warn(`change bus: ${err.message}`));
}

/** Tell every instance (this one included, when it listens) about a change on `topic`. */
export async function announceOnBus<M>(topic: string, message: M, onMessage: (message: M) => void): Promise<boolean> {
  listenOnBus(topic, onMessage);
  const b = bus();
  if (!b) return false;
  return b.publisher.publish(topicChannel(topic), JSON.stringify(message)).then(
    () => true,
    (err: Error) => {
      log.warn(`change bus: could not announce a change on ${topic} (${err.message})`);
      return false;
    },
  );
}

/** Start listening (once per process) for other instances' key changes. */
export function listenForKeyChanges(onMessage: (message: ForgetMessage) => void): void {
  listenOnBus(KEYS_TOPIC, onMessage);
}

/** Tell the other instances to drop a key or a user's keys. */
export async function announceKeyChange(message: ForgetMessage, onMessage: (message: ForgetMessage) => void): Promise<void> {
  await announceOnBus(KEYS_TOPIC, message, onMessage);
}

/** Close the bus connections (graceful shutdown, tests). */
export async function closeKeyBus(): Promise<void> {
  const b = globalForBus.__sibKeyBus;
  globalForBus.__sibKeyBus = undefined;
  if (b) await Promise.allSettled([b.publisher.quit(), b.subscriber.quit()]);
}
