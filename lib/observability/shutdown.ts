// What the operations side holds open at shutdown: the readiness Redis connection and the trace exporter.
import { closeReadiness } from "./health";
import { closeTracing } from "./tracing";

/** Flush pending spans and close the readiness connection. */
export async function closeObservability(): Promise<void> {
  await Promise.allSettled([closeReadiness(), closeTracing()]);
}
