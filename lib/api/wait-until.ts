// waitUntil for route handlers whose work is handed over while a streamed response is
// still being read — after Next's request scope, where `after()` can no longer be called.
import { after } from "next/server";
import { log } from "../log";

/**
 * Call at the start of a handler. Registers one `after()` that, once the response has been
 * sent, waits for every promise handed to the returned function until then; promises handed
 * over later still run to completion, detached.
 */
export function responseWaitUntil(): (promise: Promise<unknown>) => void {
  const pending = new Set<Promise<unknown>>();
  after(async () => {
    await Promise.all([...pending]);
  });
  return (promise) => {
    const tracked = promise
      .catch((err: Error) => log.error(`background work failed: ${err.message}`))
      .finally(() => pending.delete(tracked));
    pending.add(tracked);
  };
}
