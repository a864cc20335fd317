// After a response: price the usage, settle the hold (exactly once, by request id).
// Runs off the client's critical path (the tokens-per-minute budget was fed as the response ended).
import { creditSettled, releaseCredit, type CreditHold } from "../billing/credit-hold";
import type { Settlement } from "../billing/ledger";
import { settleDurably } from "../billing/settle-queue";
import { env } from "../env";
import type { KeyIdentity } from "../keys/lookup";
import { log } from "../log";
import { recordUsage } from "../observability/metrics";
import { traced, type RequestTrace } from "../observability/tracing";
import { tokenCost } from "../money";
import type { CatalogModel } from "./catalog";
import type { Usage } from "./usage";

export type Outcome = {
  requestId: string;
  identity: KeyIdentity;
  /** The request's credit hold (a lease's slice, or a Hold row). */
  hold: CreditHold;
  model: CatalogModel;
  provider: string;
  /** The channel that served. */
  channel: string;
  /** The API surface the request came through. */
  api: "chat" | "messages";
  stream: boolean;
  /** The upstream's usage, or our estimate (estimated: true). */
  usage: Usage;
  estimated: boolean;
  /** Anything was generated for the client. */
  produced: boolean;
  status: "ok" | "client_closed" | "upstream_error";
  startedAt: number;
  /** When the upstream was called. */
  upstreamAt: number;
  firstTokenAt: number | null;
  /** The request's trace, for the settle span. */
  trace: RequestTrace | null;
};

/** The first retries come soon (a blip), then one every 5 s. */
const RETRY_DELAYS_MS = [100, 1_000, 5_000];
const RETRY_EVERY_MS = 5_000;

/**
 * How long a settlement is retried: while the request's credit lease surely stands, so a database
 * back within that bills it. The lease's row expires CREDIT_LEASE_TTL_MS after its last renewal,
 * which came at most 20 s before the request was served (renewed every 5 s; served for at most 15 s
 * without a renewal, lib/billing/lease-pool.ts); 10 s to spare. Never less than 21 s.
 */
const retryForMs = (): number => Math.max(21_000, env().CREDIT_LEASE_TTL_MS - 30_000);

async function withRetries<T>(work: () => Promise<T>): Promise<T> {
  const until = Date.now() + retryForMs();
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      const delay = RETRY_DELAYS_MS[attempt] ?? RETRY_EVERY_MS;
      if (Date.now() + delay > until) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** The settlement of an outcome: its usage priced at the model's prices. */
export function settlementOf(outcome: Outcome): Settlement {
  const { usage } = outcome;
  return {
    requestId: outcome.requestId,
    userId: outcome.identity.userId,
    apiKeyId: outcome.identity.keyId,
    model: outcome.model.id,
    provider: outcome.provider,
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    cachedTokens: usage.cachedTokens,
    reasoningTokens: usage.reasoningTokens,
    channel: outcome.channel,
    api: outcome.api,
    cost: tokenCost(usage, outcome.model),
    estimated: outcome.estimated,
    stream: outcome.stream,
    status: outcome.status,
    latencyMs: Date.now() - outcome.startedAt,
    ttftMs: outcome.firstTokenAt === null ? null : outcome.firstTokenAt - outcome.startedAt,
    leaseId: outcome.hold.leaseId,
    leaseHold: outcome.hold.leaseId === null ? undefined : outcome.hold.amount,
  };
}

/** Settle a finished request. A request that produced nothing and has no upstream usage is not charged. */
export async function meter(outcome: Outcome): Promise<void> {
  const { requestId, usage, hold } = outcome;
  let ended = false; // the hold's end is told to its lease once
  try {
    if (!outcome.produced && outcome.estimated) {
      ended = true; // a Hold row left open is the sweeper's; a lease's release cannot fail
      await withRetries(() => releaseCredit(hold));
      return;
    }
    const settlement = settlementOf(outcome);
    // settle() is idempotent by request id, so a retry after an unclear failure cannot bill twice.
    const charged = await traced(outcome.trace, "settle", () => withRetries(() => settleDurably(settlement)));
    creditSettled(hold, charged);
    ended = true;
    // null: settled before (a retry); its tokens and cost were counted then.
    if (charged !== null) {
      const ttft = outcome.firstTokenAt === null ? null : (outcome.firstTokenAt - outcome.upstreamAt) / 1000;
      recordUsage(outcome.model.id, outcome.channel, { prompt: usage.promptTokens, completion: usage.completionTokens, cached: usage.cachedTokens }, charged, ttft);
    }
  } catch (err) {
    // A Hold row stays open until the sweeper releases it; a lease counts the whole hold as spent
    // (creditSettled with null) until it closes. Nothing is charged twice.
    if (!ended) creditSettled(hold, null);
    log.error(`settlement failed for ${requestId}: ${(err as Error).message}`);
  }
}
