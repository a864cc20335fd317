// ledger-check: every cached balance equals the sum of its ledger, every held amount its open holds and credit leases
// (and every key's held amount its open holds).
import { findDrift, type Drift } from "../billing/ledger";
import { prisma } from "../db";
import { formatUsd } from "../money";
import { defineCommand } from "./command";

const usd = (nano: bigint) => formatUsd(nano, 9);

/** One account's drift, in words: its balance and held amount against what they should be, and each drifting key's. */
export function describeDrift(d: Drift): string {
  const keys = d.keys.map((k) => `; key ${k.keyId} held ${usd(k.held)}, its open holds ${usd(k.holdSum)}`).join("");
  return `${d.email} (${d.userId}): balance ${usd(d.balance)}, ledger sum ${usd(d.ledgerSum)}; held ${usd(d.held)}, open holds and leases ${usd(d.holdSum)}${keys}`;
}

// npm run admin -- ledger-check
export const ledgerCheck = defineCommand({
  name: "ledger-check",
  summary: "Verify balance == sum(ledger) and held == sum(open holds and credit leases) for every account, and every key's held == sum(its holds); exit 1 on drift.",
  options: {},
  parse: () => ({}),
  run: async () => {
    const [checked, drift] = await Promise.all([prisma().user.count(), findDrift()]);
    return {
      ok: drift.length === 0,
      data: {
        checked,
        drift: drift.map((d) => ({
          userId: d.userId, email: d.email, balanceNano: d.balance.toString(), ledgerSumNano: d.ledgerSum.toString(),
          heldNano: d.held.toString(), holdSumNano: d.holdSum.toString(),
          keys: d.keys.map((k) => ({ keyId: k.keyId, heldNano: k.held.toString(), holdSumNano: k.holdSum.toString() })),
        })),
      },
      lines: drift.length
        ? drift.map((d) => `DRIFT ${describeDrift(d)}`)
        : [`OK: ${checked} account${checked === 1 ? "" : "s"} checked; every balance equals its ledger and every held amount its open holds and credit leases.`],
    };
  },
});
