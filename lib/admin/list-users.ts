// list-users / show-user: find accounts the way the console's search does, and read one whole.
import { findAccountByEmail } from "../accounts/create";
import { accountDetail, findAccounts } from "../admin-console/accounts";
import { formatUsd } from "../money";
import { defineCommand, InputError, optional, positiveInt, required } from "./command";

// npm run admin -- list-users [--search S] [--limit N] [--json]
export const listUsers = defineCommand({
  name: "list-users",
  summary: "List accounts, newest first; --search matches an id, e-mail, name, key prefix (sib-…a1b2) or whole key.",
  options: {
    search: { type: "string", description: "what to look for" },
    limit: { type: "string", description: "how many (default 50)" },
  },
  parse: (values) => ({ search: optional(values, "search") ?? "", limit: positiveInt(values, "limit") ?? 50 }),
  run: async (input) => {
    const { rows } = await findAccounts(input.search, input.limit);
    const users = rows.map((u) => ({ ...u, balance: u.balance.toString(), held: u.held.toString() }));
    return {
      ok: true,
      data: { users },
      lines: rows.length
        ? rows.map((u) => `${u.id}  ${u.email}  ${u.plan}${u.role === "ADMIN" ? " admin" : ""}  ${formatUsd(u.balance)}${u.suspendedAt ? "  SUSPENDED" : ""}${u.deletedAt ? "  deleted" : ""}`)
        : ["No accounts match."],
    };
  },
});

// npm run admin -- show-user --email E [--json]
export const showUser = defineCommand({
  name: "show-user",
  summary: "Show an account: plan, limits, balance, keys, latest ledger entries and requests.",
  options: { email: { type: "string", description: "the account's e-mail (required)" } },
  parse: (values) => ({ email: required(values, "email") }),
  run: async (input) => {
    const found = await findAccountByEmail(input.email);
    const detail = await accountDetail(found.id);
    if (!detail) throw new InputError(`No account with e-mail ${input.email}.`);
    const { user, limits, keys, ledger, requests } = detail;
    const data = {
      id: user.id, email: user.email, name: user.name, plan: user.plan, role: user.role, limits,
      balanceNano: user.balance.toString(), heldNano: user.held.toString(), suspendedAt: user.suspendedAt,
      keys: keys.map((k) => ({ id: k.id, name: k.name, prefix: k.prefix, revokedAt: k.revokedAt, lastUsedAt: k.lastUsedAt })),
      ledger: ledger.map((l) => ({ kind: l.kind, amountNano: l.amount.toString(), description: l.description, operator: l.operatorId, note: l.note, createdAt: l.createdAt })),
      requests: requests.map((r) => ({ requestId: r.requestId, model: r.model, status: r.status, httpStatus: r.httpStatus, costNano: r.cost.toString(), createdAt: r.createdAt })),
    };
    const lines = [
      `${user.email} (${user.id})${user.name ? ` · ${user.name}` : ""} · ${user.role}${user.suspendedAt ? ` · SUSPENDED since ${user.suspendedAt.toISOString()}` : ""}`,
      `plan ${user.plan} · ${limits.rpm} requests/min · ${limits.tpm} tokens/min · ${limits.concurrent} concurrent · ${limits.maxKeys} keys`,
      `balance ${formatUsd(user.balance)} · held ${formatUsd(user.held)}`,
      `keys: ${keys.length ? keys.map((k) => `${k.prefix} ${k.name || "(unnamed)"}${k.revokedAt ? " revoked" : ""}`).join(", ") : "none"}`,
      ...ledger.slice(0, 5).map((l) => `ledger ${l.createdAt.toISOString()} ${l.kind} ${formatUsd(l.amount)} ${l.description}${l.note ? ` [${l.operatorId}: ${l.note}]` : ""}`),
    ];
    return { ok: true, data, lines };
  },
});
