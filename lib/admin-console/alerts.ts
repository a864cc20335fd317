// What needs an operator's attention now: balance drift, channels refused or off, models switched off.
import { listChannels } from "../channels";
import { prisma } from "../db";
import { describeDrift } from "../admin/ledger-check";
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
      detail: `${describeDrift(drift[0])}${drift.length > 1 ? `; and ${drift.length - 1} more (npm run admin -- ledger-check lists them)` : ""} (checked ${checkedAt?.toISOString()})`,
      href: `/admin/accounts?q=${encodeURIComponent(drift[0].email)}`,
    });
  }
  const channels = await listChannels();
  for (const c of channels.filter((ch) => !ch.enabled)) {
    alerts.push(c.disabledReason
      ? { tone: "error", title: `Channel ${c.name} was disabled by the gateway`, detail: `The upstream refused it: ${c.disabledReason} (check its key and balance).`, href: "/admin/channels" }
      : { tone: "warning", title: `Channel ${c.name} is disabled`, detail: "An operator took it out of service.", href: "/admin/channels" });
  }
  for (const c of channels.filter((ch) => ch.enabled && ch.health.cooledUntil)) {
    alerts.push({ tone: "warning", title: `Channel ${c.name} is cooling down`, detail: c.health.lastError ?? "It failed several times in a row.", href: "/admin/channels" });
  }
  const disabled = await prisma().model.findMany({ where: { enabled: false }, select: { id: true } });
  if (disabled.length) alerts.push({ tone: "warning", title: `${disabled.length} model${disabled.length === 1 ? "" : "s"} disabled`, detail: disabled.map((m) => m.id).join(", "), href: "/admin/models" });
  return alerts;
}
