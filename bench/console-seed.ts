// Seeds a scratch database the size of a real install for the console bench: 10k accounts
// with a key each, 1M usage rows over 90 days (3% failures, several models and channels),
// their daily aggregate, a ledger that matches every balance, and 10k audit rows.
import pg from "pg";

const MODELS = ["deepseek-chat", "deepseek-v3", "deepseek-reasoner", "qwen-plus", "qwen-turbo", "glm-4-flash"];
const CHANNELS = ["deepseek-main", "deepseek-backup", "dashscope-main", "zhipu-main"];

/** Fill `url` (migrated, catalog seeded) with `accounts` accounts and `rows` usage rows over `days` days. */
export async function seedConsoleData(url: string, opts: { accounts: number; rows: number; days: number }, progress: (line: string) => void): Promise<void> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const started = Date.now();
    await db.query(sql, params);
    progress(`  ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  try {
    await step("accounts", `
      INSERT INTO "User" (id, email, name, plan, balance, "createdAt", "updatedAt")
      SELECT 'u' || g, 'user' || g || '@bench.test', 'Bench User ' || g,
             (CASE WHEN g % 50 = 0 THEN 'PRO' ELSE 'FREE' END)::"Plan", 0, now() - (g % $2) * interval '1 day', now()
      FROM generate_series(1, $1) g`, [opts.accounts, opts.days]);
    await step("keys", `
      INSERT INTO "ApiKey" (id, "userId", name, hash, prefix, "createdAt")
      SELECT 'k' || g, 'u' || g, 'Key ' || g, md5('key' || g) || md5('salt' || g), 'sib-…' || substr(md5('p' || g), 1, 4), now()
      FROM generate_series(1, $1) g`, [opts.accounts]);
    await step(`usage rows (${opts.rows.toLocaleString("en-US")})`, `
      INSERT INTO "UsageLog" ("requestId", "userId", "apiKeyId", model, provider, "promptTokens", "completionTokens", "cachedTokens",
                              "reasoningTokens", cost, estimated, stream, status, "httpStatus", "errorCode", channel, "latencyMs", "ttftMs", "createdAt")
      SELECT 'bench-' || g, 'u' || u, 'k' || u, ($4::text[])[1 + g % 6], 'deepseek', p, c, p / 4, 0,
             (p * 180 + c * 360)::bigint, false, g % 2 = 0,
             CASE WHEN g % 33 = 0 THEN 'upstream_error' ELSE 'ok' END,
             CASE WHEN g % 33 = 0 THEN 502 ELSE 200 END,
             CASE WHEN g % 33 = 0 THEN 'upstream_error' END,
             ($5::text[])[1 + g % 4], 200 + (g * 7919) % 3000, 80 + g % 400,
             now() - (($3::float8 * 86400) * ((g - 1)::float8 / $2)) * interval '1 second'
      FROM (SELECT g, 1 + (g * 7919) % $1 AS u, 50 + g % 900 AS p, 20 + g % 400 AS c FROM generate_series(1::bigint, $2) g) s`,
      [opts.accounts, opts.rows, opts.days, MODELS, CHANNELS]);
    await step("daily aggregate", `
      INSERT INTO "UsageDaily" ("userId", day, model, "apiKeyId", requests, "promptTokens", "completionTokens", cost)
      SELECT "userId", "createdAt"::date, model, "apiKeyId", count(*), sum("promptTokens"), sum("completionTokens"), sum(cost)
      FROM "UsageLog" WHERE status = 'ok' GROUP BY 1, 2, 3, 4`);
    await step("ledger (a grant and the usage per account)", `
      WITH spent AS (SELECT "userId", sum(cost) AS cost FROM "UsageLog" GROUP BY "userId")
      INSERT INTO "LedgerEntry" ("userId", kind, amount, "balanceAfter", reference, description, "createdAt")
      SELECT u.id, 'GRANT'::"LedgerKind", 100000000000, 100000000000, 'bench-grant-' || u.id, 'Sign-up credits', u."createdAt" FROM "User" u
      UNION ALL
      SELECT s."userId", 'USAGE'::"LedgerKind", -s.cost, 100000000000 - s.cost, 'bench-usage-' || s."userId", 'API usage', now() FROM spent s`);
    await step("balances", `UPDATE "User" u SET balance = l.sum FROM (SELECT "userId", sum(amount) AS sum FROM "LedgerEntry" GROUP BY "userId") l WHERE l."userId" = u.id`);
    await step("audit rows", `
      INSERT INTO "AuditLog" ("createdAt", "actorId", actor, action, "targetType", "targetId", reason, before, after)
      SELECT now() - g * interval '13 minutes', NULL, 'cli:bench', 'account.grant', 'account', 'u' || (1 + g % $1), 'bench', '{"balanceNano":"0"}', '{"amountNano":"1000000000"}'
      FROM generate_series(1, 10000) g`, [opts.accounts]);
    await step("analyze", "ANALYZE");
  } finally {
    await db.end();
  }
}
