// The Prometheus metric families of a process, in one registry shared by every bundle
// (server.ts and Next's route handlers) through globalThis. Labels are closed sets: the API,
// catalog model ids, channel names (an operator's), HTTP status codes and limit kinds — never an
// account, a key or anything a customer typed. Recording reuses a cached child per label
// combination, so the hot path does one Map lookup and one add.
import { env } from "../env";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

function families(registry: Registry) {
  const registers = [registry];
  return {
    requests: new Counter({
      name: "sib_requests_total",
      help: "/v1 requests answered, by API, model, channel and HTTP status",
      labelNames: ["api", "model", "channel", "status"] as const,
      registers,
    }),
    overhead: new Histogram({
      name: "sib_gateway_overhead_seconds",
      help: "Time the gateway spent before calling the upstream (authenticate, limits, validate, hold), or answering itself",
      labelNames: ["api"] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    ttft: new Histogram({
      name: "sib_upstream_time_to_first_token_seconds",
      help: "Streamed requests: from calling the upstream to its first token",
      labelNames: ["model", "channel"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30],
      registers,
    }),
    tokens: new Counter({
      name: "sib_tokens_total",
      help: "Tokens billed, by model and kind (prompt, completion, cached)",
      labelNames: ["model", "kind"] as const,
      registers,
    }),
    cost: new Counter({
      name: "sib_billed_nanodollars_total",
      help: "Amount charged to balances, in nano-dollars (1 USD = 1e9), by model",
      labelNames: ["model"] as const,
      registers,
    }),
    refusals: new Counter({
      name: "sib_limit_refusals_total",
      help: "Requests refused by plan limits, by kind (rpm, tpm, concurrency)",
      labelNames: ["kind"] as const,
      registers,
    }),
    settleLag: new Histogram({
      name: "sib_settlement_lag_seconds",
      help: "From queueing a settlement to its durable commit",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers,
    }),
    settleQueue: new Gauge({ name: "sib_settlement_queue_depth", help: "Settlements waiting to be committed", registers }),
    holdsOpen: new Gauge({ name: "sib_holds_open", help: "Credit holds open in the database (keys with a spend limit; all instances)", registers }),
    leasesOpen: new Gauge({ name: "sib_credit_leases_open", help: "Credit leases open in the database (all instances)", registers }),
    channelUp: new Gauge({
      name: "sib_channel_up",
      help: "1 when a channel is enabled and not cooling down on this instance, else 0",
      labelNames: ["channel"] as const,
      registers,
    }),
    dbPool: new Gauge({
      name: "sib_db_pool_clients",
      help: "PostgreSQL pool clients of this process, by pool and state (total, idle, waiting)",
      labelNames: ["pool", "state"] as const,
      registers,
    }),
  };
}

type Child = { inc(value?: number): void; observe(value: number): void };
type Metrics = { registry: Registry; families: ReturnType<typeof families>; children: Map<string, Child> };
const globalForMetrics = globalThis as unknown as { __sibMetrics?: Metrics };

/** The process's registry and families, created once (with Node's process metrics). */
export function metrics(): Metrics {
  if (globalForMetrics.__sibMetrics) return globalForMetrics.__sibMetrics;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  globalForMetrics.__sibMetrics = { registry, families: families(registry), children: new Map() };
  return globalForMetrics.__sibMetrics;
}

/** A family's child for these label values, created on first use and reused after. */
function child(name: string, family: { labels(...values: string[]): unknown }, ...values: string[]): Child {
  const key = `${name}\u0000${values.join("\u0000")}`;
  const { children } = metrics();
  let found = children.get(key);
  if (!found) {
    found = family.labels(...values) as Child;
    children.set(key, found);
  }
  return found;
}

/** Whether metrics are collected: only while /metrics is served (METRICS_TOKEN or METRICS_ENABLED), so nothing is spent on counters nobody can read. */
function collecting(): boolean {
  const config = env();
  return Boolean(config.METRICS_TOKEN || config.METRICS_ENABLED);
}

/** One answered /v1 request. */
export function recordRequest(api: string, model: string, channel: string, status: number, overheadSeconds: number): void {
  if (!collecting()) return;
  const { requests, overhead } = metrics().families;
  child("requests", requests, api, model, channel, String(status)).inc();
  child("overhead", overhead, api).observe(overheadSeconds);
}

/** A settled request's tokens and charge; `ttftSeconds` for streams that produced a token. */
export function recordUsage(model: string, channel: string, usage: { prompt: number; completion: number; cached: number }, charged: bigint, ttftSeconds: number | null): void {
  if (!collecting()) return;
  const { tokens, cost, ttft } = metrics().families;
  child("tokens", tokens, model, "prompt").inc(usage.prompt);
  child("tokens", tokens, model, "completion").inc(usage.completion);
  if (usage.cached) child("tokens", tokens, model, "cached").inc(usage.cached);
  if (charged > 0n) child("cost", cost, model).inc(Number(charged));
  if (ttftSeconds !== null) child("ttft", ttft, model, channel).observe(ttftSeconds);
}

/** A request refused by a plan limit. */
export function recordRefusal(kind: "rpm" | "tpm" | "concurrency"): void {
  if (!collecting()) return;
  child("refusals", metrics().families.refusals, kind).inc();
}

/** A settlement committed `seconds` after it was queued. */
export function recordSettlement(seconds: number): void {
  if (!collecting()) return;
  metrics().families.settleLag.observe(seconds);
}
