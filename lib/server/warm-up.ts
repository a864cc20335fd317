// The quick start's first minute: in development Next compiles each route on its first visit
// (4–8 s each on a small machine), so the server visits the main ones itself before it prints
// the banner — the newcomer's first clicks, and the first sign-up, are then served warm.
import { log } from "../log";

const ROUTES = ["/", "/register", "/login", "/api/auth/csrf", "/api/auth/session", "/dashboard", "/dashboard/keys", "/dashboard/usage", "/dashboard/requests", "/dashboard/playground", "/dashboard/billing", "/dashboard/settings", "/docs", "/pricing"];

/** Request each main route once (signed out: dashboard routes compile, then redirect), until `stopped` aborts. Never throws. */
export async function warmUpRoutes(origin: string, stopped: AbortSignal): Promise<void> {
  const started = Date.now();
  log.info(`warming up ${ROUTES.length} pages (development compiles each on its first visit)…`);
  for (const path of ROUTES) {
    if (stopped.aborted) return;
    try {
      await (await fetch(`${origin}${path}`, { redirect: "manual", signal: AbortSignal.any([AbortSignal.timeout(60_000), stopped]) })).arrayBuffer();
    } catch (err) {
      if (!stopped.aborted) log.warn(`warm-up of ${path} failed: ${(err as Error).message}`);
    }
  }
  log.info(`pages ready in ${Math.round((Date.now() - started) / 1000)} s`);
}
