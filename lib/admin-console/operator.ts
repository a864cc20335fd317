// Who may use the console: a signed-in, live account whose role is ADMIN. Everyone else,
// signed in or not, gets a plain 404 — the console does not admit it exists.
import { cache } from "react";
import { notFound } from "next/navigation";
import { getCurrentUser } from "../auth/session";
import { prisma } from "../db";
import type { Actor } from "../audit/actor";

export type Operator = { id: string; email: string; name: string | null };

/** The signed-in operator, or null for a customer or a visitor (once per request). */
export const getOperator = cache(async (): Promise<Operator | null> => {
  const user = await getCurrentUser();
  if (!user) return null;
  const row = await prisma().user.findUnique({ where: { id: user.id }, select: { role: true, suspendedAt: true } });
  if (row?.role !== "ADMIN" || row.suspendedAt) return null;
  return { id: user.id, email: user.email, name: user.name };
});

/** The signed-in operator; anyone else gets the 404 page. */
export async function requireOperator(): Promise<Operator> {
  const operator = await getOperator();
  if (!operator) notFound();
  return operator;
}

/** An operator as the audit log names them. */
export function operatorActor(operator: Operator): Actor {
  return { id: operator.id, label: operator.email };
}
