// Metrics of this process for the route-handler mount (`npm start` answers it in server.ts).
import { metricsEndpoint } from "@/lib/observability/endpoints";
import { toWebResponse } from "@/lib/observability/web";

export const dynamic = "force-dynamic";

// GET /metrics – Prometheus text format, behind METRICS_TOKEN
export async function GET(request: Request): Promise<Response> {
  return toWebResponse(await metricsEndpoint(request.headers.get("authorization") ?? undefined));
}
