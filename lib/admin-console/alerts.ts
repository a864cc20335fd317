// What needs an operator's attention now: balance drift, models switched off (and, with channels, their health).
import { prisma } from "../db";
import { formatUsd } from "../money";
import { lastDrift } from "./drift";

export type ConsoleAlert = { tone: "warning" | "error" | "info"; title: string; detail: string; href?: string };

/** The overview's alerts, most serious first. */
export async function consoleAlerts(): Promise<ConsoleAlert[]> {
  const alerts: ConsoleAlert[] = [];
  const { drift, checkedAt } = lastDrift();
  if (drift === null) alerts.push({ tone: "info", title: "Ledger check running", detail: "Balances are being compared with the ledger; reload in a moment." });
  else if (drift.length > 0) {
    alerts.push({
      tone: "error",
      title: `${drift.length} account${drift.length === 1 ? "" : "s"} drift from the ledger`,
      detail: drift.slice(0, 3).map((d) => `${d.email}: balance ${formatUsd(d.balance, 9)} vs ledger ${formatUsd(d.ledgerSum, 9)}`).join("; ") + ` (checked ${checkedAt?.toISOString()})`,
      href: `/admin/accounts?q=${encodeURIComponent(drift[0].email)}`,
    });
  }
  const disabled = await prisma().model.findMany({ where: { enabled: false }, select: { id: true } });
  if (disabled.length) alerts.push({ tone: "warning", title: `${disabled.length} model${disabled.length === 1 ? "" : "s"} disabled`, detail: disabled.map((m) => m.id).join(", "), href: "/admin/models" });
  return alerts;
}
