// After settlements commit, look at the balances they lowered — off the request path, one
// look at a time per process, coalescing the accounts that settle meanwhile — and act on
// each crossing claimed: e-mail the low-balance or empty alert, start an auto top-up.
import { log } from "../../log";
import { accountsToLook, claimAlertCrossings, claimTopupCrossings } from "./crossings";

const globalForWatch = globalThis as unknown as { __sibBalanceWatch?: { pending: Set<string>; running: Promise<void> | null } };
const watch = (globalForWatch.__sibBalanceWatch ??= { pending: new Set(), running: null });

/** Look at these accounts' balances now: e-mail each claimed alert, start each claimed auto top-up. */
export async function checkBalances(userIds: string[]): Promise<void> {
  const crossed = await accountsToLook(userIds);
  if (!crossed.length) return;
  const [alerts, topups] = await Promise.all([claimAlertCrossings(crossed), claimTopupCrossings(crossed)]);
  if (!alerts.length && !topups.length) return;
  // Loaded on the first crossing: the mailer and Stripe's SDK stay out of a process that never needs them.
  const [{ mailBalanceAlert }, { startAutoTopup }] = await Promise.all([import("./mail"), import("./auto-topup")]);
  await Promise.all([
    ...alerts.map((a) => mailBalanceAlert(a.email, a.level, a.balance, a.threshold).catch((err) => log.error(`[balance alert] mail to account ${a.userId} failed: ${(err as Error).message}`))),
    ...topups.map((t) => startAutoTopup(t)),
  ]);
}

async function drain(): Promise<void> {
  while (watch.pending.size) {
    const ids = [...watch.pending];
    watch.pending.clear();
    await checkBalances(ids).catch((err) => log.error(`[balance alert] check failed: ${(err as Error).message}`));
  }
  watch.running = null;
}

/** Queue accounts whose balance just changed for a look; returns at once. */
export function watchBalances(userIds: Iterable<string>): void {
  for (const id of userIds) watch.pending.add(id);
  if (!watch.running && watch.pending.size) watch.running = drain();
}

/** Resolves when every queued look has finished (tests, shutdown). */
export async function balanceWatchIdle(): Promise<void> {
  while (watch.running) await watch.running;
}
