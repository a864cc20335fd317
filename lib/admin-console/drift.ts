// The overview's drift alert: `ledger-check` reads every ledger row, so the page never waits
// for it — it shows the last result (at most 10 minutes old) and starts a fresh check behind.
import { findDrift, type Drift } from "../billing/ledger";
import { log } from "../log";

const MAX_AGE_MS = 10 * 60_000;
type State = { drift: Drift[] | null; checkedAt: Date | null; running: Promise<void> | null };
const globalForDrift = globalThis as unknown as { __sibDrift?: State };
const state = (globalForDrift.__sibDrift ??= { drift: null, checkedAt: null, running: null });

function refresh(): Promise<void> {
  state.running ??= findDrift()
    .then((drift) => {
      state.drift = drift;
      state.checkedAt = new Date();
    })
    .catch((err: Error) => log.warn(`drift check failed: ${err.message}`))
    .finally(() => (state.running = null));
  return state.running;
}

/** The last drift check (null before the first has finished); starts a new one when stale. */
export function lastDrift(now = Date.now()): { drift: Drift[] | null; checkedAt: Date | null } {
  if (!state.checkedAt || now - state.checkedAt.getTime() > MAX_AGE_MS) void refresh();
  return { drift: state.drift, checkedAt: state.checkedAt };
}

