// What one answered /v1 request leaves behind: its metrics and its access-log line. Labels
// and fields come from closed sets only — the route's template, catalog ids, channel names —
// so nothing a customer typed (an unknown path, a model name, a key) reaches either.
import { accessLog } from "../log";
import { recordRequest } from "./metrics";
import { endTrace, startTrace, type RequestTrace } from "./tracing";

/** What the pipeline knows about a request when it answers. */
export type RequestFacts = {
  requestId: string;
  method: string;
  path: string;
  status: number;
  startedAt: number;
  /** When the upstream was called; absent when the gateway answered by itself. */
  upstreamAt?: number;
  /** A catalog model id, when the request named one the catalog has. */
  model?: string;
  /** The channel (today: provider) that served it. */
  channel?: string;
  trace?: RequestTrace | null;
};

type Route = { api: string; route: string };
const ROUTES: Record<string, Route> = {
  "/v1/chat/completions": { api: "chat", route: "/v1/chat/completions" },
  "/v1/messages": { api: "messages", route: "/v1/messages" },
  "/v1/messages/count_tokens": { api: "messages", route: "/v1/messages/count_tokens" },
  "/v1/models": { api: "models", route: "/v1/models" },
};
const ONE_MODEL: Route = { api: "models", route: "/v1/models/{model}" };
const OTHER: Route = { api: "other", route: "other" };
const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

/** The route template of a /v1 path. */
export function routeOf(path: string): Route {
  const trimmed = path.endsWith("/") ? path.replace(/\/+$/, "") : path;
  return ROUTES[trimmed] ?? (trimmed.startsWith("/v1/models/") ? ONE_MODEL : OTHER);
}

/** Start a /v1 request's trace (null when tracing is off). */
export function traceRequest(method: string, path: string): RequestTrace | null {
  return startTrace(`${METHODS.has(method) ? method : "OTHER"} ${routeOf(path).route}`);
}

/** Record an answered /v1 request in the metrics, the access log and its trace. */
export function observeRequest(facts: RequestFacts): void {
  const now = Date.now();
  const { api, route } = routeOf(facts.path);
  const model = facts.model ?? "other";
  const channel = facts.channel ?? "none";
  const method = METHODS.has(facts.method) ? facts.method : "OTHER";
  recordRequest(api, model, channel, facts.status, ((facts.upstreamAt ?? now) - facts.startedAt) / 1000);
  accessLog({ requestId: facts.requestId, method, route, status: facts.status, latencyMs: now - facts.startedAt, model, channel, api });
  endTrace(facts.trace, {
    "http.request.method": method, "http.route": route, "http.response.status_code": facts.status,
    "sib.request_id": facts.requestId, "sib.api": api, "sib.model": model, "sib.channel": channel,
  });
}
