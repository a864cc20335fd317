// The authorization walk: every page, route handler and server action under app/ is found by
// walking the folder, and each must have a probe here (a new one fails this test until it has
// one). Probes act as Bob with Alice's ids and check Bob gets "not found" or an error, and that
// nothing of Alice's changed or showed. Public entries are checked to read no session at all.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAccount } from "../../lib/accounts/create";
import type { CurrentUser } from "../../lib/auth/session";
import { disconnect, prisma } from "../../lib/db";
import { createApiKey } from "../../lib/keys/store";
import { seedCatalog } from "../../lib/gateway/catalog";
import { reloadEnv } from "../../lib/env";
import { linkTokenHash, newLinkToken } from "../../lib/auth/link-token";

const session = vi.hoisted(() => ({ actor: null as CurrentUser | null }));
vi.mock("../../lib/auth/session", () => ({
  getCurrentUser: async () => session.actor,
  requireUser: async () => {
    if (!session.actor) throw new Error("NEXT_REDIRECT;/login");
    return session.actor;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
// Outside a Next request: work scheduled after the response runs detached.
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), after: (work: unknown) => void Promise.resolve(typeof work === "function" ? work() : work).catch(() => undefined) }));

const APP = path.join(process.cwd(), "app");

/** Every page, route handler and server-action module under app/, as paths relative to app/. */
function entries(dir = APP): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return entries(full);
    const source = readFileSync(full, "utf8");
    const isAction = /^\s*["']use server["']/.test(source);
    return e.name === "page.tsx" || e.name === "route.ts" || isAction ? [path.relative(APP, full)] : [];
  });
}

type Person = { user: CurrentUser; keyId: string; keyName: string; keyHash: string; password: string | null };
let alice: Person;
let bob: Person;
/** One logged request of each (a failed one for Alice, an answered one for Bob), by X-Request-Id. */
let aliceRequestId: string;
let bobRequestId: string;
/** Alice's account fields an operator could change, as they were before any probe. */
let aliceBaseline: Record<string, unknown>;

const aliceState = async () => {
  const [u, ledger] = await Promise.all([
    prisma().user.findUniqueOrThrow({ where: { id: alice.user.id }, select: { email: true, role: true, plan: true, balance: true, held: true, customRpm: true, customTpm: true, customConcurrent: true, customMaxKeys: true, suspendedAt: true, emailVerifiedAt: true, totpEnabledAt: true } }),
    prisma().ledgerEntry.count({ where: { userId: alice.user.id } }),
  ]);
  return { ...u, ledger };
};

async function person(label: string): Promise<Person> {
  const created = await createAccount({ email: `${label}-${Date.now()}-${Math.random().toString(16).slice(2)}@example.com`, password: "correct-horse-42", name: label });
  const keyName = `${label} private key ${Math.random().toString(16).slice(2)}`;
  const key = await createApiKey(created.id, keyName);
  const row = await prisma().user.findUniqueOrThrow({ where: { id: created.id } });
  const keyRow = await prisma().apiKey.findUniqueOrThrow({ where: { id: key.id } });
  return { user: { id: row.id, email: row.email, name: row.name, plan: row.plan, sessionId: `probe-${label}`, emailVerified: true }, keyId: key.id, keyName, keyHash: keyRow.hash, password: row.passwordHash };
}

/** Alice's account exactly as it was: key usable and unchanged, profile, password, balance, plan. */
async function aliceUntouched(): Promise<void> {
  const [user, key, keys] = await Promise.all([
    prisma().user.findUniqueOrThrow({ where: { id: alice.user.id } }),
    prisma().apiKey.findUniqueOrThrow({ where: { id: alice.keyId } }),
    prisma().apiKey.count({ where: { userId: alice.user.id } }),
  ]);
  expect(user.deletedAt).toBeNull();
  expect(user.name).toBe("alice");
  expect(user.passwordHash).toBe(alice.password);
  expect(user.plan).toBe("FREE");
  expect(key.revokedAt).toBeNull();
  expect(key.hash).toBe(alice.keyHash);
  expect(keys).toBe(1);
  expect(await aliceState()).toEqual(aliceBaseline);
}

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
const idle = { status: "idle" } as never;

/** Thrown by notFound(): Next's 404 signal. */
async function expectNotFound(work: Promise<unknown>): Promise<void> {
  await expect(work).rejects.toMatchObject({ digest: expect.stringMatching(/404|NOT_FOUND/) });
}

/** The rendered element tree as text (props included), to look for Alice's data in it. */
function treeText(node: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(node, (_k, v) => {
    if (typeof v === "function") return undefined;
    if (typeof v === "bigint") return v.toString();
    if (v && typeof v === "object") {
      if (seen.has(v)) return undefined;
      seen.add(v);
    }
    return v;
  }) ?? "";
}

type Probe = () => Promise<void>;
const load = (file: string) => import(path.join(APP, file));

/** Pages that show the signed-in account: rendered as Bob, nothing of Alice's in them. */
const accountPage = (file: string, props: () => Record<string, unknown> = () => ({})): Probe => async () => {
  const Page = (await load(file)).default as (p: unknown) => Promise<unknown>;
  const text = treeText(await Page({ params: Promise.resolve({}), searchParams: Promise.resolve({}), ...props() }));
  expect(text).not.toContain(alice.keyName);
  expect(text).not.toContain(alice.user.email);
};

/** Sign-in pages send a signed-in person to their own dashboard, nowhere else. */
const redirectsSignedIn = (file: string): Probe => async () => {
  const Page = (await load(file)).default as (p: unknown) => Promise<unknown>;
  await expect(Page({ searchParams: Promise.resolve({ callbackUrl: `/dashboard/keys/${alice.keyId}` }) })).rejects.toMatchObject({ digest: expect.stringMatching(/NEXT_REDIRECT;\w+;\/dashboard/) });
};

/** Pages and handlers open to anyone: they must not read a session (else they need a real probe). */
const publicEntry = (file: string): Probe => async () => {
  const source = readFileSync(path.join(APP, file), "utf8");
  expect(source).not.toMatch(/requireUser|getCurrentUser|withSession|userAction|getServerSession/);
};

/** Console pages: a customer gets Next's 404, as if the console did not exist. */
const consolePage = (file: string, props: () => Record<string, unknown> = () => ({})): Probe => async () => {
  const Page = (await load(file)).default as (p: unknown) => Promise<unknown>;
  await expectNotFound(Page({ params: Promise.resolve({}), searchParams: Promise.resolve({}), ...props() }));
};

/** Every action a console module exports, called by a customer with `fields`: each a 404, and nothing audited in Bob's name. */
async function consoleActions(file: string, fields: Record<string, string>): Promise<void> {
  const actions = Object.entries(await load(file)).filter((e): e is [string, (prev: unknown, f: FormData) => Promise<unknown>] => typeof e[1] === "function");
  expect(actions.length).toBeGreaterThan(0);
  for (const [, action] of actions) await expectNotFound(action(idle, form(fields)));
  expect(await prisma().auditLog.count({ where: { OR: [{ actorId: bob.user.id }, { actor: bob.user.email }] } })).toBe(0);
}

/** A request-log row of `who`'s key; failed ones are kept too (cost 0, with the error code). */
async function logRequest(who: Person, failed: boolean): Promise<string> {
  const requestId = `probe-${failed ? "failed" : "ok"}-${Date.now()}-${Math.random().toString(16).slice(2)}`;
  await prisma().usageLog.create({
    data: {
      requestId, userId: who.user.id, apiKeyId: who.keyId, model: "deepseek-chat", provider: failed ? "" : "deepseek",
      promptTokens: failed ? 0 : 12, completionTokens: failed ? 0 : 34, cost: failed ? 0n : 1234n, estimated: false, stream: false,
      status: failed ? "error" : "ok", httpStatus: failed ? 402 : 200, errorCode: failed ? "insufficient_quota" : null, latencyMs: 42,
    },
  });
  return requestId;
}

const PROBES: Record<string, Probe> = {
  "(marketing)/page.tsx": accountPage("(marketing)/page.tsx"), // reads the session (signed-in links)
  "(marketing)/pricing/page.tsx": accountPage("(marketing)/pricing/page.tsx"), // reads the session (signed-in links)
  "(marketing)/docs/page.tsx": publicEntry("(marketing)/docs/page.tsx"),
  "(auth)/login/page.tsx": redirectsSignedIn("(auth)/login/page.tsx"),
  "(auth)/register/page.tsx": redirectsSignedIn("(auth)/register/page.tsx"),
  "(auth)/forgot-password/page.tsx": publicEntry("(auth)/forgot-password/page.tsx"),
  "(auth)/reset-password/page.tsx": publicEntry("(auth)/reset-password/page.tsx"),
  // Public actions: Alice's e-mail in them changes nothing of hers.
  "(auth)/actions.ts": async () => {
    const { registerAction, forgotPasswordAction, resetPasswordAction } = await load("(auth)/actions.ts");
    expect((await registerAction(idle, form({ email: alice.user.email, password: "attacker-pass-1", name: "x" }))).status).toBe("error");
    await forgotPasswordAction(idle, form({ email: alice.user.email }));
    expect((await resetPasswordAction(idle, form({ token: "forged-token", password: "attacker-pass-1", email: alice.user.email }))).status).toBe("error");
  },
  "(dashboard)/dashboard/page.tsx": accountPage("(dashboard)/dashboard/page.tsx"),
  "(dashboard)/dashboard/keys/page.tsx": accountPage("(dashboard)/dashboard/keys/page.tsx"),
  "(dashboard)/dashboard/settings/page.tsx": accountPage("(dashboard)/dashboard/settings/page.tsx"),
  "(dashboard)/dashboard/playground/page.tsx": accountPage("(dashboard)/dashboard/playground/page.tsx"),
  "(dashboard)/dashboard/billing/page.tsx": accountPage("(dashboard)/dashboard/billing/page.tsx", () => ({ searchParams: Promise.resolve({ checkout: "success", session_id: `cs_test_${alice.user.id}` }) })),
  "(dashboard)/dashboard/keys/[id]/page.tsx": async () => {
    const Page = (await load("(dashboard)/dashboard/keys/[id]/page.tsx")).default;
    await expectNotFound(Page({ params: Promise.resolve({ id: alice.keyId }), searchParams: Promise.resolve({}) }));
    await Page({ params: Promise.resolve({ id: bob.keyId }), searchParams: Promise.resolve({}) }); // Bob's own: renders
  },
  "(dashboard)/dashboard/usage/page.tsx": async () => {
    const Page = (await load("(dashboard)/dashboard/usage/page.tsx")).default;
    await expectNotFound(Page({ searchParams: Promise.resolve({ key: alice.keyId }) }));
  },
  "(dashboard)/dashboard/keys/actions.ts": async () => {
    const { createKeyAction, rotateKeyAction, revokeKeyAction, setKeyControlsAction } = await load("(dashboard)/dashboard/keys/actions.ts");
    const controls = { spendLimit: "0.01", spendPeriod: "DAY", expiresOn: "", allowedIps: "10.0.0.0/8", "model.qwen-turbo": "on" };
    const refused = await setKeyControlsAction(idle, form({ id: alice.keyId, ...controls }));
    expect(refused).toMatchObject({ status: "error", message: "That key does not exist or was already revoked." });
    const aliceKey = await prisma().apiKey.findUniqueOrThrow({ where: { id: alice.keyId } });
    expect([aliceKey.spendLimit, aliceKey.allowedIps, aliceKey.allowedModels]).toEqual([null, [], []]);
    expect((await setKeyControlsAction(idle, form({ id: bob.keyId, ...controls }))).status).toBe("ok"); // Bob's own works
    const bobKey = await prisma().apiKey.findUniqueOrThrow({ where: { id: bob.keyId } });
    expect([bobKey.spendLimit, bobKey.spendPeriod, bobKey.allowedIps, bobKey.allowedModels]).toEqual([10_000_000n, "DAY", ["10.0.0.0/8"], ["qwen-turbo"]]);
    expect((await rotateKeyAction(idle, form({ id: alice.keyId }))).status).toBe("error");
    expect((await revokeKeyAction(idle, form({ id: alice.keyId }))).status).toBe("error");
    expect((await createKeyAction(idle, form({ name: "sneaky", userId: alice.user.id }))).status).toBe("ok"); // lands on Bob's account
    expect((await rotateKeyAction(idle, form({ id: bob.keyId }))).status).toBe("ok"); // Bob's own works: the probe can tell
  },
  "(dashboard)/dashboard/settings/actions.ts": async () => {
    const { updateNameAction, changePasswordAction, deleteAccountAction } = await load("(dashboard)/dashboard/settings/actions.ts");
    await updateNameAction(idle, form({ name: "pwned", userId: alice.user.id, id: alice.user.id }));
    await changePasswordAction(idle, form({ current: "correct-horse-42", password: "attacker-pass-1", userId: alice.user.id }));
    expect((await deleteAccountAction(idle, form({ confirm: alice.user.email, userId: alice.user.id }))).status).toBe("error");
  },
  "(dashboard)/dashboard/billing/actions.ts": async () => {
    const { upgradeAction, portalAction, buyCreditsAction, replaceCardAction, lowBalanceAction, autoTopupAction, autoTopupOffAction } = await load("(dashboard)/dashboard/billing/actions.ts");
    for (const action of [upgradeAction, portalAction, buyCreditsAction, replaceCardAction]) {
      const result = await action(idle, form({ userId: alice.user.id, customer: alice.user.id, amount: "10" }));
      expect(treeText(result)).not.toContain(alice.user.email);
    }
    // Spend settings land on Bob's own account, never on Alice's.
    expect((await lowBalanceAction(idle, form({ threshold: "999", userId: alice.user.id }))).status).toBe("ok");
    await autoTopupAction(idle, form({ below: "5", amount: "10", userId: alice.user.id }));
    await autoTopupOffAction(idle, form({ userId: alice.user.id }));
    expect(await prisma().accountBilling.findUnique({ where: { userId: alice.user.id } })).toBeNull();
  },
  "api/usage/export/route.ts": async () => {
    const { GET } = await load("api/usage/export/route.ts");
    const res: Response = await GET(new Request(`http://localhost/api/usage/export?key=${alice.keyId}`));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(alice.keyName);
  },
  "api/playground/route.ts": async () => {
    const { POST } = await load("api/playground/route.ts");
    const res: Response = await POST(new Request("http://localhost/api/playground", { method: "POST", body: JSON.stringify({ keyId: alice.keyId, userId: alice.user.id, model: "nope", messages: [] }) }));
    expect(res.status).toBeGreaterThanOrEqual(400);
  },
  // Stripe's events: without a valid signature nothing is booked, for anyone.
  "api/stripe/webhook/route.ts": async () => {
    const { POST } = await load("api/stripe/webhook/route.ts");
    const forged = { id: "evt_forged", type: "checkout.session.completed", data: { object: { client_reference_id: alice.user.id, amount_total: 100000, payment_status: "paid" } } };
    const res: Response = await POST(new Request("http://localhost/api/stripe/webhook", { method: "POST", headers: { "stripe-signature": "t=1,v1=forged" }, body: JSON.stringify(forged) }));
    expect(res.status).toBeGreaterThanOrEqual(400);
  },
  // next-auth's own endpoints (sign-in, session, csrf): sessions are signed; the credential path is tested in lib/auth.
  "api/auth/[...nextauth]/route.ts": async () => {
    const source = readFileSync(path.join(APP, "api/auth/[...nextauth]/route.ts"), "utf8");
    expect(source).toMatch(/NextAuth\(/);
  },
  "v1/route.ts": async () => {
    const { GET } = await load("v1/route.ts");
    expect((await GET(new Request("http://localhost/v1"))).status).toBe(401);
  },
  // /v1 takes an API key, never an account id: the key decides the account (tests/gateway).
  "v1/[...path]/route.ts": async () => {
    const { GET } = await load("v1/[...path]/route.ts");
    const res: Response = await GET(new Request(`http://localhost/v1/models/${alice.keyId}`, { headers: { authorization: `Bearer sib-${"0".repeat(48)}` } }));
    expect(res.status).toBe(401);
  },
  // The request log: Bob's list holds his request and never Alice's, whatever he filters by.
  "(dashboard)/dashboard/requests/page.tsx": async () => {
    const Page = (await load("(dashboard)/dashboard/requests/page.tsx")).default as (p: unknown) => Promise<unknown>;
    const own = treeText(await Page({ searchParams: Promise.resolve({}) }));
    expect(own).toContain(bobRequestId); // Bob's own shows: the probe can tell
    expect(own).not.toContain(aliceRequestId);
    for (const search of [{ id: aliceRequestId }, { key: alice.keyId }, { key: alice.keyId, id: aliceRequestId, outcome: "failed" }]) {
      const text = treeText(await Page({ searchParams: Promise.resolve(search) }));
      expect(text).not.toContain(`"requestId":"${aliceRequestId}"`);
      expect(text).not.toContain(alice.keyName);
      expect(text).not.toContain(alice.user.email);
    }
  },
  "(dashboard)/dashboard/requests/[requestId]/page.tsx": async () => {
    const Page = (await load("(dashboard)/dashboard/requests/[requestId]/page.tsx")).default as (p: unknown) => Promise<unknown>;
    await expectNotFound(Page({ params: Promise.resolve({ requestId: aliceRequestId }) }));
    await expectNotFound(Page({ params: Promise.resolve({ requestId: encodeURIComponent(aliceRequestId) }) }));
    expect(treeText(await Page({ params: Promise.resolve({ requestId: bobRequestId }) }))).toContain(bobRequestId); // Bob's own: renders
  },
  // A public page: the token is only handed to the confirm button. Redeeming a forged token, or
  // the stored hash of a real link of Alice's (as a database reader would see it), changes nothing.
  "(auth)/verify-email/page.tsx": async () => {
    const source = readFileSync(path.join(APP, "(auth)/verify-email/page.tsx"), "utf8");
    expect(source).not.toMatch(/requireUser|getCurrentUser|withSession|userAction|getServerSession/);
    const Page = (await load("(auth)/verify-email/page.tsx")).default as (p: unknown) => Promise<unknown>;
    expect(treeText(await Page({ searchParams: Promise.resolve({ token: "forged-token" }) }))).not.toContain(alice.user.email);
    const { confirmEmailAction } = await load("(auth)/actions.ts");
    const { token, hash } = newLinkToken();
    const moved = `moved-${Date.now()}@example.com`;
    await prisma().emailToken.create({ data: { tokenHash: hash, userId: alice.user.id, purpose: "change", email: moved, expiresAt: new Date(Date.now() + 60_000) } });
    try {
      for (const forged of ["forged-token", hash, linkTokenHash(hash), `${token}x`]) {
        expect((await confirmEmailAction(idle, form({ token: forged, userId: alice.user.id, email: moved }))).status).toBe("error");
      }
      expect(await prisma().user.count({ where: { email: moved } })).toBe(0);
    } finally {
      await prisma().emailToken.delete({ where: { tokenHash: hash } });
    }
  },
  // The operator console: Bob is a customer (role USER), so every page is a 404 and every action
  // a 404 that changes nothing: Alice's balance, plan, limits, suspension (aliceUntouched), the
  // models' prices, the channels, and no audit row in Bob's name.
  "admin/page.tsx": consolePage("admin/page.tsx", () => ({ searchParams: Promise.resolve({ window: "30d" }) })),
  "admin/accounts/page.tsx": consolePage("admin/accounts/page.tsx", () => ({ searchParams: Promise.resolve({ q: alice.user.email }) })),
  "admin/accounts/[id]/page.tsx": consolePage("admin/accounts/[id]/page.tsx", () => ({ params: Promise.resolve({ id: alice.user.id }) })),
  "admin/requests/page.tsx": consolePage("admin/requests/page.tsx", () => ({ searchParams: Promise.resolve({ account: alice.user.email, id: aliceRequestId }) })),
  "admin/requests/[requestId]/page.tsx": consolePage("admin/requests/[requestId]/page.tsx", () => ({ params: Promise.resolve({ requestId: aliceRequestId }) })),
  "admin/audit/page.tsx": consolePage("admin/audit/page.tsx", () => ({ searchParams: Promise.resolve({ target: alice.user.id }) })),
  "admin/models/page.tsx": consolePage("admin/models/page.tsx"),
  "admin/channels/page.tsx": consolePage("admin/channels/page.tsx"),
  "admin/audit/export/route.ts": async () => {
    const { GET } = await load("admin/audit/export/route.ts");
    const res: Response = await GET(new Request(`http://localhost/admin/audit/export?target=${alice.user.id}`));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type") ?? "").not.toMatch(/csv/);
    expect(await res.text()).not.toContain(alice.user.id);
  },
  "admin/accounts/[id]/actions.ts": async () => {
    const resets = () => prisma().passwordResetToken.count({ where: { userId: alice.user.id } });
    const before = await resets();
    await consoleActions("admin/accounts/[id]/actions.ts", {
      id: alice.user.id, amount: "-1000", reason: "probe: customer as operator", plan: "ENTERPRISE", rpm: "1", tpm: "1", concurrent: "1", maxKeys: "1", suspend: "true",
    });
    expect(await resets()).toBe(before); // no reset link mailed
    expect(await prisma().auditLog.count({ where: { targetId: alice.user.id } })).toBe(0);
  },
  "admin/models/actions.ts": async () => {
    const model = await prisma().model.findUniqueOrThrow({ where: { id: "deepseek-chat" } });
    await consoleActions("admin/models/actions.ts", {
      id: model.id, inputPrice: "987.654321", outputPrice: "987.654321", cachedPrice: "987.654321", contextWindow: "7", maxOutputTokens: "7", upstreamModel: "probe-upstream", enabled: "false",
    });
    const after = await prisma().model.findUniqueOrThrow({ where: { id: model.id } });
    expect(after.upstreamModel).not.toBe("probe-upstream");
    expect(after.contextWindow).not.toBe(7);
    expect(after.maxOutputTokens).not.toBe(7);
  },
  "admin/channels/actions.ts": async () => {
    const fresh = `probe-${Date.now()}-${Math.random().toString(16).slice(2)}`;
    const existing = await prisma().channel.findMany({ select: { name: true, enabled: true } });
    for (const name of [fresh, ...existing.map((c) => c.name)]) {
      await consoleActions("admin/channels/actions.ts", {
        name, confirm: name, enabled: "false", provider: "openai", baseUrl: "http://127.0.0.1:9/v1", apiKey: "sk-probe-attacker", models: "deepseek-chat", weight: "100", priority: "100", timeoutMs: "1",
      });
    }
    expect(await prisma().channel.count({ where: { OR: [{ name: fresh }, { baseUrl: "http://127.0.0.1:9/v1" }] } })).toBe(0);
  },
  // Operations endpoints: read no session; /metrics answers nobody without its token.
  "healthz/route.ts": async () => {
    await publicEntry("healthz/route.ts")();
    const { GET } = await load("healthz/route.ts");
    expect((await GET()).status).toBe(200);
  },
  "readyz/route.ts": async () => {
    await publicEntry("readyz/route.ts")();
    const { GET } = await load("readyz/route.ts");
    const res: Response = await GET();
    expect([200, 503]).toContain(res.status);
    const body = await res.text();
    expect(body).not.toContain(alice.user.email);
    expect(body).not.toContain(alice.user.id);
  },
  "metrics/route.ts": async () => {
    await publicEntry("metrics/route.ts")();
    const { GET } = await load("metrics/route.ts");
    const token = "probe-metrics-token-0123456789";
    process.env.METRICS_TOKEN = token;
    reloadEnv();
    try {
      for (const authorization of [undefined, "Bearer wrong-metrics-token-0123456", `Bearer ${token}x`, token]) {
        const res: Response = await GET(new Request("http://localhost/metrics", authorization ? { headers: { authorization } } : {}));
        expect(res.status).toBe(401);
      }
      expect((await GET(new Request("http://localhost/metrics", { headers: { authorization: `Bearer ${token}` } }))).status).toBe(200); // the token works: the probe can tell
    } finally {
      delete process.env.METRICS_TOKEN;
      reloadEnv();
    }
  },
};

beforeAll(async () => {
  await seedCatalog();
  alice = await person("alice");
  bob = await person("bob");
  // Bob is a customer: the console must treat him as a stranger.
  expect((await prisma().user.findUniqueOrThrow({ where: { id: bob.user.id } })).role).toBe("USER");
  aliceRequestId = await logRequest(alice, true);
  await logRequest(alice, false);
  bobRequestId = await logRequest(bob, false);
  aliceBaseline = await aliceState();
});
afterAll(disconnect);

describe("authorization walk", () => {
  const found = entries();

  it("every page, route handler and server action under app/ has a probe", () => {
    expect(found.length).toBeGreaterThan(15);
    expect(found.filter((f) => !PROBES[f]), "add a probe for each new entry to tests/security/authorization.test.ts").toEqual([]);
    expect(Object.keys(PROBES).filter((p) => !found.includes(p)), "probes for entries that no longer exist").toEqual([]);
  });

  it.each(found)("%s: as Bob with Alice's ids, nothing of Alice's is shown or changed", async (file) => {
    session.actor = bob.user;
    await PROBES[file]?.();
    await aliceUntouched();
  });
});
