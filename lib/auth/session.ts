// Who is signed in: for server components, route handlers and server actions.
import { cache } from "react";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getServerSession } from "next-auth";
import { prisma } from "../db";
import type { Plan } from "../generated/prisma/enums";
import { authOptions } from "./options";
import { sessionIsLive } from "./sessions";

export type CurrentUser = { id: string; email: string; name: string | null; plan: Plan; sessionId: string; emailVerified: boolean };

/** The signed-in, not deleted, not suspended user of this request, or null. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  await connection(); // per request, never prerendered
  const session = await getServerSession(authOptions());
  if (!session?.userId || !session.sessionId) return null;
  if (!(await sessionIsLive(session.sessionId, session.userId))) return null;
  const user = await prisma().user.findUnique({
    where: { id: session.userId },
    select: { id: true, email: true, name: true, plan: true, deletedAt: true, suspendedAt: true, emailVerifiedAt: true },
  });
  // Suspension closes the sessions; this also covers a sign-in that raced with it.
  if (!user || user.deletedAt || user.suspendedAt) return null;
  return { id: user.id, email: user.email, name: user.name, plan: user.plan, sessionId: session.sessionId, emailVerified: user.emailVerifiedAt !== null };
});

/** The signed-in user; redirects to /login when there is none. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}
