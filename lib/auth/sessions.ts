// Signed-in browsers. The session cookie (a JWT) carries a Session row's id; a revoked row
// signs that browser out on its next request, which is how "sign out everywhere" works.
import { prisma } from "../db";

const TOUCH_EVERY_MS = 5 * 60_000;

export type SessionRow = { id: string; userAgent: string | null; ip: string | null; createdAt: Date; lastSeenAt: Date };

/** Record a new sign-in; returns the id the cookie will carry. */
export async function openSession(userId: string, client: { userAgent?: string | null; ip?: string | null }): Promise<string> {
  const row = await prisma().session.create({ data: { userId, userAgent: client.userAgent?.slice(0, 300) ?? null, ip: client.ip ?? null } });
  return row.id;
}

/** Whether a cookie's session is still open for this user; notes its activity every few minutes. */
export async function sessionIsLive(sessionId: string, userId: string): Promise<boolean> {
  const row = await prisma().session.findUnique({ where: { id: sessionId } });
  if (!row || row.userId !== userId || row.revokedAt) return false;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await prisma().session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date() } });
  }
  return true;
}

/** A user's open sessions, most recently active first. */
export async function listSessions(userId: string): Promise<SessionRow[]> {
  return prisma().session.findMany({
    where: { userId, revokedAt: null },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, userAgent: true, ip: true, createdAt: true, lastSeenAt: true },
  });
}

/** Close one session (only the user's own). */
export async function closeSession(userId: string, sessionId: string): Promise<void> {
  await prisma().session.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Close every session of a user, except `keep` (the current browser) when given; returns how many closed. */
export async function closeAllSessions(userId: string, keep?: string): Promise<number> {
  const { count } = await prisma().session.updateMany({
    where: { userId, revokedAt: null, ...(keep ? { NOT: { id: keep } } : {}) },
    data: { revokedAt: new Date() },
  });
  return count;
}
