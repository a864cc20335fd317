// The one validated configuration module: nothing else reads process.env.
import { isIP } from "node:net";
import { z } from "zod";

const optionalUrl = z.string().url().optional().or(z.literal("").transform(() => undefined));
const optionalString = z.string().optional().or(z.literal("").transform(() => undefined));
/** An IP address, or one with a /prefix that fits its family. */
function ipOrCidr(entry: string): boolean {
  const [address, bits, extra] = entry.split("/");
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
}
const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** all: /v1 and the web app; api: /v1 (and /healthz, /readyz, /metrics) only, without loading Next. */
  SIB_ROLE: z.enum(["all", "api"]).default("all"),
  /** Public origin of this install, used in examples and links. Defaults to http://localhost:PORT. */
  PUBLIC_URL: optionalUrl,
  /** PostgreSQL URL. Absent: an embedded PostgreSQL keeps its data under DATA_DIR. */
  DATABASE_URL: optionalUrl,
  /** Connections of this process's main pool (its reservation pool gets half as many): mind PostgreSQL's max_connections across instances. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(20),
  /** A statement off the request path (pages, background jobs, the CLI) that gets no answer this long fails and its connection is dropped. */
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  DATA_DIR: z.string().default(".data"),
  EMBEDDED_PG_PORT: z.coerce.number().int().default(54329),
  /** Redis for shared limits (self-hosted). Absent and no Upstash: limits run in process. */
  REDIS_URL: optionalUrl,
  /** Namespace of this install's keys and channels in Redis/Upstash (several installs may share one). */
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_.:-]+$/, "letters, digits and _ . : -").default("sib"),
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: optionalString,
  DEEPSEEK_API_KEY: optionalString,
  DEEPSEEK_BASE_URL: z.string().url().default("https://api.deepseek.com"),
  DASHSCOPE_API_KEY: optionalString,
  DASHSCOPE_BASE_URL: z.string().url().default("https://dashscope.aliyuncs.com/compatible-mode/v1"),
  ZHIPU_API_KEY: optionalString,
  ZHIPU_BASE_URL: z.string().url().default("https://open.bigmodel.cn/api/paas/v4"),
  /** Serve keyless providers from the built-in simulator. Default: on outside production. */
  SIMULATOR: flag.optional(),
  /** Delay between simulated tokens, milliseconds. */
  SIMULATOR_TOKEN_DELAY_MS: z.coerce.number().int().min(0).default(15),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** How long to wait for an upstream's first byte, and between stream chunks. */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  /** Channels tried per request before answering 503 (the first one included). */
  UPSTREAM_MAX_TRIES: z.coerce.number().int().min(1).max(10).default(3),
  /** First cool-down of a failing channel; it doubles on each further failure, up to CHANNEL_COOLDOWN_MAX_MS. */
  CHANNEL_COOLDOWN_MS: z.coerce.number().int().min(10).default(30_000),
  CHANNEL_COOLDOWN_MAX_MS: z.coerce.number().int().min(10).default(10 * 60_000),
  /** Encrypts channel API keys at rest (AES-256-GCM): 32 bytes as 64 hex characters or base64. Required in production; development keeps a generated one under DATA_DIR. */
  CHANNEL_SECRET: z
    .string()
    .regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, "32 bytes as 64 hex characters or base64 (openssl rand -hex 32)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Where operators are told when a channel is disabled (comma-separated e-mails; needs SMTP_URL). */
  OPERATOR_EMAILS: optionalString,
  /** A hold older than this belongs to a dead process and is released by the sweeper. */
  HOLD_TTL_MS: z.coerce.number().int().min(1000).default(15 * 60_000),
  /** How long a request's concurrency slot in Redis outlives its instance (a live one renews it): a killed instance's requests stop counting against their keys' concurrency within this. */
  CONCURRENCY_LEASE_TTL_MS: z.coerce.number().int().min(1000).default(60_000),
  /** A credit lease not renewed this long belongs to a dead process: the sweeper returns it (a live process renews its leases every 5 s, or a quarter of this when shorter). */
  CREDIT_LEASE_TTL_MS: z.coerce.number().int().min(1000).default(2 * 60_000),
  /** A part of a process's credit lease unused for a whole window this long goes back to the account; 2.5 windows bound how long another process can refuse a request because of it. */
  CREDIT_LEASE_IDLE_MS: z.coerce.number().int().min(50).default(400),
  /** Settlements arriving within this window commit together (one transaction and one disk flush for all); the balance shows a charge this much later at most. */
  SETTLE_GATHER_MS: z.coerce.number().int().min(0).max(1000).default(10),
  SIGNUP_CREDITS_USD: z.string().regex(/^\d+(\.\d{1,9})?$/, "a dollar amount like 5 or 5.00").default("5"),
  /** Signs sessions. Required in production; development uses a fixed local secret. */
  NEXTAUTH_SECRET: optionalString,
  NEXTAUTH_URL: optionalUrl,
  GITHUB_ID: optionalString,
  GITHUB_SECRET: optionalString,
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  /** SMTP for password-reset mail, e.g. smtp://user:pass@host:587. Absent: links go to the server log. */
  SMTP_URL: optionalString,
  EMAIL_FROM: z.string().default("SIB AI <no-reply@localhost>"),
  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  STRIPE_PRO_PRICE_ID: optionalString,
  STRIPE_PUBLISHABLE_KEY: optionalString,
  /** Point the Stripe SDK at another host (tests use a local fake of Stripe's API). */
  STRIPE_API_HOST: optionalString,
  STRIPE_API_PORT: z.coerce.number().int().optional(),
  STRIPE_API_PROTOCOL: z.enum(["http", "https"]).optional(),
  /** Proxies whose X-Forwarded-For is believed: comma-separated addresses or CIDR ranges. Default none. */
  TRUSTED_PROXIES: z.string().default("").refine((v) => v.split(",").map((e) => e.trim()).every((e) => !e || ipOrCidr(e)), "comma-separated IP addresses or CIDR ranges, e.g. 10.0.0.0/8,127.0.0.1"),
  /** How long a stopping server lets open requests and streams finish, milliseconds. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** "json": one JSON object per line (the default in production); "text": human lines. */
  LOG_FORMAT: z.enum(["json", "text"]).optional(),
  /** One log line per /v1 request (request id, route, status, latency, model, channel). */
  ACCESS_LOG: flag.default(true),
  /** Bearer token for GET /metrics. Absent: /metrics answers 404 unless METRICS_ENABLED is true. */
  METRICS_TOKEN: z.string().min(16, "at least 16 characters").optional().or(z.literal("").transform(() => undefined)),
  /** Serve GET /metrics without a token (only behind a private network). */
  METRICS_ENABLED: flag.default(false),
  /** OTLP/HTTP collector for traces, e.g. http://collector:4318. Absent: tracing is off and costs nothing. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  OTEL_SERVICE_NAME: z.string().default("sib-ai"),
  /** Where Enterprise enquiries go: a mailto: or https: link shown on the pricing and billing pages. */
  SALES_CONTACT: z.string().regex(/^(mailto:|https?:\/\/)\S+$/, "a mailto: or http(s):// link").default("mailto:sales@sib-ai.com"),
});

export type Env = z.infer<typeof schema>;

/** Parse an environment, naming every bad variable and how to fix it. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`Invalid configuration:\n${lines.join("\n")}\nFix these environment variables (see README, "Configuration").`);
}

let cached: Env | undefined;

/** The validated configuration of this process, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Re-read process.env: for scripts that set DATABASE_URL after start (embedded database). */
export function reloadEnv(): Env {
  cached = undefined;
  return env();
}

/** The origin users call, as shown in every example. */
export function publicUrl(): string {
  const e = env();
  return (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
}

/** The log line format: LOG_FORMAT, else JSON in production and human lines elsewhere. */
export function logFormat(): "json" | "text" {
  const e = env();
  return e.LOG_FORMAT ?? (e.NODE_ENV === "production" ? "json" : "text");
}

/** Whether keyless providers are served by the simulator. */
export function simulatorEnabled(): boolean {
  const e = env();
  return e.SIMULATOR ?? e.NODE_ENV !== "production";
}
