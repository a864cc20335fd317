// Readiness for the route-handler mount (`npm start` answers it in server.ts, before Next).
import { readyz } from "@/lib/observability/endpoints";
import { toWebResponse } from "@/lib/observability/web";

export const dynamic = "force-dynamic";

// GET /readyz – the database, Redis and an upstream answer; 503 with the reason otherwise
export async function GET(): Promise<Response> {
  return toWebResponse(await readyz());
}
