// OpenTelemetry traces of /v1 requests (a root span, and authenticate, limits, hold, upstream,
// settle as children), exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set. Off,
// it costs one null check per stage: the SDK is not even loaded. On, it loads on the first
// request (that one request goes untraced). Attributes are closed sets: no key, no account.
import type { Span, Tracer } from "@opentelemetry/api";
import type { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { env } from "../env";
import { log } from "../log";

type Sdk = { tracer: Tracer; provider: BasicTracerProvider; childOf: (parent: Span) => Parameters<Tracer["startSpan"]>[2] };
/** A request's root span and the SDK that made it; null everywhere when tracing is off. */
export type RequestTrace = { root: Span; sdk: Sdk };
type State = { sdk?: Sdk; loading?: Promise<void> };

const globalForTracing = globalThis as unknown as { __sibTracing?: State };
const state = (globalForTracing.__sibTracing ??= {});

async function load(endpoint: string): Promise<void> {
  const [api, base, otlp, resources] = await Promise.all([
    import("@opentelemetry/api"), import("@opentelemetry/sdk-trace-base"),
    import("@opentelemetry/exporter-trace-otlp-http"), import("@opentelemetry/resources"),
  ]);
  const exporter = new otlp.OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, "")}/v1/traces` });
  const provider = new base.BasicTracerProvider({
    resource: resources.resourceFromAttributes({ "service.name": env().OTEL_SERVICE_NAME }),
    spanProcessors: [new base.BatchSpanProcessor(exporter)],
  });
  state.sdk = { provider, tracer: provider.getTracer("sib-ai"), childOf: (parent) => api.trace.setSpan(api.ROOT_CONTEXT, parent) };
  log.info(`tracing: exporting spans to ${new URL(endpoint).origin}`);
}

/** Start a request's trace named after its route template; null when tracing is off or still loading. */
export function startTrace(name: string): RequestTrace | null {
  if (state.sdk) return { sdk: state.sdk, root: state.sdk.tracer.startSpan(name, { kind: 1 /* SpanKind.SERVER */ }) };
  const endpoint = env().OTEL_EXPORTER_OTLP_ENDPOINT;
  if (endpoint && !state.loading) {
    state.loading = load(endpoint).catch((err: Error) => log.error(`tracing: could not start: ${err.message}`));
  }
  return null;
}

/** Run one stage of a request as a child span (just run it when the request is not traced). */
export function traced<T>(trace: RequestTrace | null | undefined, name: string, work: () => Promise<T>): Promise<T> {
  if (!trace) return work();
  const span = trace.sdk.tracer.startSpan(name, {}, trace.sdk.childOf(trace.root));
  return work().then(
    (value) => (span.end(), value),
    (err: unknown) => {
      span.setStatus({ code: 2 /* SpanStatusCode.ERROR */, message: err instanceof Error ? err.name : "error" });
      span.end();
      throw err;
    },
  );
}

/** End a request's root span with its outcome. */
export function endTrace(trace: RequestTrace | null | undefined, attributes: Record<string, string | number>): void {
  if (!trace) return;
  trace.root.setAttributes(attributes);
  if (Number(attributes["http.response.status_code"]) >= 500) trace.root.setStatus({ code: 2 });
  trace.root.end();
}

/** Whether spans are being recorded (the SDK is loaded). */
export function tracingActive(): boolean {
  return state.sdk !== undefined;
}

/** Export every finished span now (tests, shutdown). */
export async function flushTracing(): Promise<void> {
  await state.loading;
  await state.sdk?.provider.forceFlush();
}

/** Flush and stop the exporter (shutdown). */
export async function closeTracing(): Promise<void> {
  await state.loading;
  const sdk = state.sdk;
  state.sdk = undefined;
  state.loading = undefined;
  await sdk?.provider.shutdown();
}
