// next-auth configuration: credentials always, GitHub and Google when configured; JWT sessions.
import type { AuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { env } from "../env";
import { clientIp, signInWithPassword, SignInError } from "./credentials";
import { findOAuthUser, linkOAuthAccount } from "./oauth";
import { closeSession, openSession } from "./sessions";

const DEV_SECRET = "sib-development-secret-do-not-use-in-production";

/** The session-signing secret: NEXTAUTH_SECRET, required in production. */
export function authSecret(): string {
  const e = env();
  if (e.NEXTAUTH_SECRET) return e.NEXTAUTH_SECRET;
  if (e.NODE_ENV === "production") throw new Error("NEXTAUTH_SECRET is not set: it is required in production (e.g. `openssl rand -base64 32`).");
  return DEV_SECRET;
}

/** Which OAuth providers are configured, for the sign-in page's buttons. */
export function oauthProviders(): { id: "github" | "google"; name: string }[] {
  const e = env();
  const list: { id: "github" | "google"; name: string }[] = [];
  if (e.GITHUB_ID && e.GITHUB_SECRET) list.push({ id: "github", name: "GitHub" });
  if (e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET) list.push({ id: "google", name: "Google" });
  return list;
}

function providers(): Provider[] {
  const e = env();
  const list: Provider[] = [
    CredentialsProvider({
      name: "E-mail",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" }, code: { label: "Authentication code", type: "text" } },
      async authorize(credentials, req) {
        try {
          const ip = clientIp(req.headers);
          const user = await signInWithPassword(credentials?.email ?? "", credentials?.password ?? "", ip, credentials?.code ?? "");
          const agent = req.headers?.["user-agent"];
          return { ...user, sessionId: await openSession(user.id, { userAgent: Array.isArray(agent) ? agent[0] : agent, ip }) };
        } catch (err) {
          if (err instanceof SignInError) throw new Error(err.message);
          throw err;
        }
      },
    }),
  ];
  if (e.GITHUB_ID && e.GITHUB_SECRET) list.push(GitHubProvider({ clientId: e.GITHUB_ID, clientSecret: e.GITHUB_SECRET }));
  if (e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET) list.push(GoogleProvider({ clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET }));
  return list;
}

function build(): AuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: providers(),
    events: {
      // Signing out closes this browser's session row too, so it leaves the sessions list.
      async signOut({ token }) {
        if (token?.sub && token.sid) await closeSession(token.sub, token.sid);
      },
    },
    callbacks: {
      async signIn({ account, user }) {
        if (!account || account.provider === "credentials") return true;
        try {
          await linkOAuthAccount({ provider: account.provider, providerAccountId: account.providerAccountId, email: user.email, name: user.name });
          return true;
        } catch {
          return "/login?error=OAuthAccountNotLinked";
        }
      },
      async jwt({ token, account, user }) {
        if (account && account.provider !== "credentials") {
          token.sub = (await findOAuthUser(account.provider, account.providerAccountId)) ?? undefined;
          token.sid = token.sub ? await openSession(token.sub, {}) : undefined;
        } else if (user) {
          token.sub = user.id;
          token.sid = user.sessionId;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: token.sub ?? "", sessionId: token.sid ?? "" };
      },
    },
  };
}

const globalForAuth = globalThis as unknown as { __sibAuthOptions?: AuthOptions };

/** The next-auth options, built on first use (so a build without secrets does not fail). */
export function authOptions(): AuthOptions {
  globalForAuth.__sibAuthOptions ??= build();
  return globalForAuth.__sibAuthOptions;
}
