// A live process renews the concurrency leases of its requests in flight in the shared store, so
// a lease lives `ttlMs` past its process: a killed instance's requests stop counting against their
// keys' concurrency within that (they were counted until it expired on its own, 10 minutes). A
// request younger than a third of the time to live needs no renewal, so most are never renewed;
// one still in flight after `maxAgeMs` is left to expire (a release that never came).
import { log } from "../log";
import { renewScript } from "./store-scripts";
import type { ScriptClient } from "./scripts";

type Held = { lease: string; admittedAt: number; renewedAt: number };

/** The leases of this process's requests in flight, renewed every third of their time to live. */
export class LeaseRenewal {
  private readonly held = new Map<string, Held>();
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> | null = null;

  constructor(
    private readonly client: ScriptClient,
    private readonly ttlMs: number,
    private readonly maxAgeMs: number,
  ) {}

  /** A request took a lease in `lease` (its key's lease set) at `now`. */
  track(requestId: string, lease: string, now: number): void {
    this.held.set(requestId, { lease, admittedAt: now, renewedAt: now });
    this.timer ??= setInterval(() => this.tick(), this.ttlMs / 3).unref();
  }

  /** The request ended: its lease is given back. (An idle timer stops at its next tick.) */
  untrack(requestId: string): void {
    this.held.delete(requestId);
  }

  /** Renew no more (the limiter closes). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    if (this.renewing) return;
    const now = Date.now();
    const due = new Map<string, string[]>();
    const renewed: Held[] = [];
    for (const [requestId, held] of this.held) {
      if (now - held.admittedAt + this.ttlMs > this.maxAgeMs) this.held.delete(requestId);
      else if (now - held.renewedAt >= this.ttlMs / 3) {
        let members = due.get(held.lease);
        if (!members) due.set(held.lease, (members = []));
        members.push(requestId);
        renewed.push(held);
      }
    }
    if (!this.held.size) this.stop();
    if (!due.size) return;
    this.renewing = renewScript(this.client, due, now + this.ttlMs, this.ttlMs)
      .then(() => renewed.forEach((held) => (held.renewedAt = now)))
      .catch((err: Error) => log.warn(`limits: could not renew ${renewed.length} request(s)' concurrency leases (tried again in ${Math.round(this.ttlMs / 3000)} s): ${err.message}`))
      .finally(() => (this.renewing = null));
  }
}
