// ledger-check: every cached balance equals the sum of its ledger, every held amount its open holds and credit leases.
import { findDrift } from "../billing/ledger";
import { prisma } from "../db";
import { formatUsd } from "../money";
import { defineCommand } from "./command";

// npm run admin -- ledger-check
export const ledgerCheck = defineCommand({
  name: "ledger-check",
  summary: "Verify balance == sum(ledger) and held == sum(open holds and credit leases) for every account; exit 1 on drift.",
  options: {},
  parse: () => ({}),
  run: async () => {
    const [checked, drift] = await Promise.all([prisma().user.count(), findDrift()]);
    const usd = (nano: bigint) => formatUsd(nano, 9);
    return {
      ok: drift.length === 0,
      data: {
        checked,
        drift: drift.map((d) => ({
          userId: d.userId, email: d.email, balanceNano: d.balance.toString(), ledgerSumNano: d.ledgerSum.toString(),
          heldNano: d.held.toString(), holdSumNano: d.holdSum.toString(),
        })),
      },
      lines: drift.length
        ? drift.map((d) => `DRIFT ${d.email} (${d.userId}): balance ${usd(d.balance)}, ledger sum ${usd(d.ledgerSum)}; held ${usd(d.held)}, open holds and leases ${usd(d.holdSum)}`)
        : [`OK: ${checked} account${checked === 1 ? "" : "s"} checked; every balance equals its ledger and every held amount its open holds and credit leases.`],
    };
  },
});
