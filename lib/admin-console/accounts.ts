// Finding accounts (e-mail, id, name or key) and reading one account whole, for the console and the CLI.
import { prisma } from "../db";
import { limitsFor } from "../limits/plans";
import { keysMatching } from "./keys";

const ACCOUNT_FIELDS = {
  id: true, email: true, name: true, plan: true, role: true, balance: true, held: true,
  suspendedAt: true, deletedAt: true, createdAt: true,
} as const;

export type AccountListItem = Awaited<ReturnType<typeof findAccounts>>["rows"][number];

/**
 * Accounts matching `term` (id or e-mail exactly; e-mail or name containing it; a key's
 * "sib-…a1b2" or whole secret), newest first, `size` at a time after the `after` id.
 */
export async function findAccounts(term: string, size = 50, after?: string) {
  const text = term.trim();
  const keyOwners = text ? (await keysMatching(text)).map((k) => k.userId) : [];
  const where = text
    ? { OR: [{ id: text }, { email: { contains: text, mode: "insensitive" as const } }, { name: { contains: text, mode: "insensitive" as const } }, { id: { in: keyOwners } }] }
    : {};
  const rows = await prisma().user.findMany({
    where, select: ACCOUNT_FIELDS, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: size + 1,
    ...(after ? { cursor: { id: after }, skip: 1 } : {}),
  });
  return { rows: rows.slice(0, size), next: rows.length > size ? rows[size - 1].id : null };
}

/** One account with its limits, keys, latest ledger entries (with the operator and reason) and latest requests. */
export async function accountDetail(id: string) {
  const db = prisma();
  const user = await db.user.findUnique({ where: { id }, select: { ...ACCOUNT_FIELDS, customRpm: true, customTpm: true, customConcurrent: true, customMaxKeys: true, subscriptionStatus: true } });
  if (!user) return null;
  const [keys, ledger, requests] = await Promise.all([
    db.apiKey.findMany({ where: { userId: id }, orderBy: { createdAt: "desc" }, take: 100 }),
    db.ledgerEntry.findMany({ where: { userId: id }, orderBy: { id: "desc" }, take: 20 }),
    db.usageLog.findMany({ where: { userId: id }, orderBy: { createdAt: "desc" }, take: 20 }),
  ]);
  const operatorIds = [...new Set(ledger.map((l) => l.operatorId).filter((v): v is string => v !== null))];
  const operators = await db.user.findMany({ where: { id: { in: operatorIds } }, select: { id: true, email: true } });
  const operatorName = new Map(operators.map((o) => [o.id, o.email]));
  // CLI entries carry "cli:<os user>" rather than an account id.
  const withOperator = ledger.map((l) => ({ ...l, operator: l.operatorId ? (operatorName.get(l.operatorId) ?? l.operatorId) : null }));
  return { user, limits: limitsFor(user), keys, ledger: withOperator, requests };
}

