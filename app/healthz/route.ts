// Liveness for the route-handler mount (`npm start` answers it in server.ts, before Next).
import { healthz } from "@/lib/observability/endpoints";
import { toWebResponse } from "@/lib/observability/web";

export const dynamic = "force-dynamic";

// GET /healthz – the process is alive
export function GET(): Response {
  return toWebResponse(healthz());
}
