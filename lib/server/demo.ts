// The embedded default's first run: a demo account on Pro with a ready key, printed once.
import { prisma } from "../db";
import { createAccount } from "../accounts/create";
import { createApiKey } from "../keys/store";

export const DEMO_EMAIL = "demo@sib.local";
export const DEMO_PASSWORD = "demo-password-1";
export const OPERATOR_EMAIL = "admin@sib.local";
export const OPERATOR_PASSWORD = "admin-password-1";

/** The development operator login, so a newcomer can open the console at once. */
async function seedOperator(): Promise<void> {
  if (await prisma().user.findUnique({ where: { email: OPERATOR_EMAIL } })) return;
  const operator = await createAccount({ email: OPERATOR_EMAIL, password: OPERATOR_PASSWORD, name: "Operator", credits: 0n });
  await prisma().user.update({ where: { id: operator.id }, data: { role: "ADMIN" } });
}

/** Create the demo account (Pro) and an operator if they do not exist; returns the demo's new key, or null when it already existed. */
export async function seedDemoAccount(): Promise<string | null> {
  await seedOperator();
  if (await prisma().user.findUnique({ where: { email: DEMO_EMAIL } })) {
    await prisma().user.updateMany({ where: { email: DEMO_EMAIL, plan: "FREE" }, data: { plan: "PRO" } }); // demo accounts made before it was Pro
    return null;
  }
  // Pro, so a newcomer trying the API and a few error cases is not rate-limited within a minute.
  const user = await createAccount({ email: DEMO_EMAIL, password: DEMO_PASSWORD, name: "Demo", plan: "PRO" });
  return (await createApiKey(user.id, "Demo key")).key;
}

/** The first-run banner: the key, once, and the curl line to use it. */
export function demoBanner(key: string, origin: string): string {
  return [
    "",
    "  Demo account created (shown once — the key is stored only as a hash):",
    `    e-mail    ${DEMO_EMAIL}`,
    `    password  ${DEMO_PASSWORD}`,
    `    API key   ${key}`,
    "",
    "  Try it:",
    `    curl ${origin}/v1/chat/completions \\`,
    `      -H "Authorization: Bearer ${key}" \\`,
    `      -H "Content-Type: application/json" \\`,
    `      -d '{"model":"deepseek-chat","messages":[{"role":"user","content":"Hello! What models are available?"}]}'`,
    "",
    "  Another key later: npm run admin -- create-key --email demo@sib.local",
    "",
    `  Operator console: ${origin}/admin`,
    `    e-mail    ${OPERATOR_EMAIL}`,
    `    password  ${OPERATOR_PASSWORD}`,
    "",
  ].join("\n");
}
