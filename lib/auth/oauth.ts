// OAuth sign-ins (GitHub, Google): one OAuthAccount row links a provider's account id to ours.
import { prisma } from "../db";
import { createAccount } from "../accounts/create";

/** Our user id for a provider's account, creating the account (with its sign-up grant) the first time. */
export async function linkOAuthAccount(input: { provider: string; providerAccountId: string; email?: string | null; name?: string | null }): Promise<string> {
  const existing = await findOAuthUser(input.provider, input.providerAccountId);
  if (existing) return existing;
  if (!input.email) throw new Error(`${input.provider} did not share an e-mail address`);
  const account = await createAccount({ email: input.email, name: input.name ?? undefined });
  await prisma().oAuthAccount.create({
    data: { provider: input.provider, providerAccountId: input.providerAccountId, userId: account.id },
  });
  return account.id;
}

/** The live user linked to a provider's account id, or null. */
export async function findOAuthUser(provider: string, providerAccountId: string): Promise<string | null> {
  const link = await prisma().oAuthAccount.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    include: { user: { select: { deletedAt: true } } },
  });
  return link && !link.user.deletedAt ? link.userId : null;
}
