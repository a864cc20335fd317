// The operations endpoints, framework-free: GET /healthz, /readyz and /metrics. Served before
// Next by server.ts and by route handlers under app/; never rate-limited, never access-logged.
import { timingSafeEqual } from "node:crypto";
import { env } from "../env";
import { readiness } from "./health";
import { scrape } from "./scrape";

export type OpsResponse = { status: number; headers: Record<string, string>; body: string };

const JSON_TYPE = "application/json";
const NO_STORE = "no-store";

function json(status: number, value: unknown): OpsResponse {
  return { status, headers: { "content-type": JSON_TYPE, "cache-control": NO_STORE }, body: JSON.stringify(value) };
}

/** Whether the caller may read /metrics: a matching bearer token, or metrics opened without one. */
function metricsAllowed(authorization: string | undefined): boolean {
  const { METRICS_TOKEN, METRICS_ENABLED } = env();
  if (!METRICS_TOKEN) return METRICS_ENABLED;
  const given = Buffer.from(authorization?.startsWith("Bearer ") ? authorization.slice(7) : "");
  const expected = Buffer.from(METRICS_TOKEN);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// GET /healthz – the process is alive
export function healthz(): OpsResponse {
  return json(200, { status: "ok" });
}

// GET /readyz – the database, Redis and an upstream answer; 503 with the reason otherwise
export async function readyz(): Promise<OpsResponse> {
  const result = await readiness();
  return json(result.ready ? 200 : 503, { status: result.ready ? "ready" : "not ready", checks: result.checks });
}

// GET /metrics – Prometheus text format, behind METRICS_TOKEN (404 when metrics are off)
export async function metricsEndpoint(authorization: string | undefined): Promise<OpsResponse> {
  const { METRICS_TOKEN, METRICS_ENABLED } = env();
  if (!METRICS_TOKEN && !METRICS_ENABLED) return json(404, { error: "metrics are off: set METRICS_TOKEN" });
  if (!metricsAllowed(authorization)) {
    return { ...json(401, { error: "a valid bearer token is required" }), headers: { "content-type": JSON_TYPE, "www-authenticate": 'Bearer realm="metrics"' } };
  }
  const { body, contentType } = await scrape();
  return { status: 200, headers: { "content-type": contentType, "cache-control": NO_STORE }, body };
}

/** The ops endpoint for a GET path, or null when the path is not one. */
export function opsEndpoint(path: string, authorization: string | undefined): Promise<OpsResponse> | null {
  if (path === "/healthz") return Promise.resolve(healthz());
  if (path === "/readyz") return readyz();
  if (path === "/metrics") return metricsEndpoint(authorization);
  return null;
}
