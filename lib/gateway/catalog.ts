// The model catalog: public ids, prices (nano-dollars per token), limits and the
// upstream each maps to. Rows live in the Model table; these are the defaults seeded.
import { pool, boundedQuery } from "../db";
import { announceOnBus, listenOnBus } from "../keys/invalidation";
import { perMillionToPerToken } from "../money";

export type ProviderId = "deepseek" | "dashscope" | "zhipu";

export type CatalogModel = {
  id: string;
  provider: ProviderId;
  upstreamModel: string;
  description: string;
  inputPrice: bigint;
  outputPrice: bigint;
  cachedInputPrice: bigint | null;
  contextWindow: number;
  maxOutputTokens: number;
  enabled: boolean;
  sortOrder: number;
  /** Other names clients may use (e.g. Claude Code's claude-… names); billed as this model. */
  aliases: string[];
};

const K128 = 128_000;

/**
 * Claude Code's model names, so it works with only ANTHROPIC_BASE_URL and ANTHROPIC_AUTH_TOKEN set:
 * its main models to deepseek-chat, its small fast model to qwen-turbo. An alias ending in `*` matches
 * every name it starts (the longest such prefix wins, an exact name before any), so Claude names that
 * come out later resolve too. The model_aliases and model_alias_patterns migrations set the same on
 * catalogs seeded before.
 */
const DEFAULT_ALIASES: Record<string, string[]> = {
  "deepseek-chat": [
    "claude-sonnet-4-5", "claude-sonnet-4-5-20250929", "claude-sonnet-4-0", "claude-sonnet-4-20250514", "claude-opus-4-1",
    "claude-opus-4-1-20250805", "claude-opus-4-0", "claude-opus-4-20250514", "claude-3-7-sonnet-latest", "claude-3-7-sonnet-20250219", "claude-*",
  ],
  "qwen-turbo": ["claude-haiku-4-5", "claude-haiku-4-5-20251001", "claude-3-5-haiku-latest", "claude-3-5-haiku-20241022", "claude-haiku-*", "claude-3-5-haiku-*", "claude-3-haiku-*"],
};

function model(
  id: string, provider: ProviderId, upstreamModel: string, description: string,
  input: string, output: string, maxOutputTokens: number, sortOrder: number,
): CatalogModel {
  return {
    id, provider, upstreamModel, description, sortOrder, maxOutputTokens,
    inputPrice: perMillionToPerToken(input), outputPrice: perMillionToPerToken(output),
    cachedInputPrice: null, contextWindow: K128, enabled: true, aliases: DEFAULT_ALIASES[id] ?? [],
  };
}

/** The spec's six models and prices. */
export const DEFAULT_CATALOG: CatalogModel[] = [
  model("deepseek-chat", "deepseek", "deepseek-chat", "DeepSeek V4 Flash - Fast, cost-effective for general tasks", "0.18", "0.36", 8192, 1),
  model("deepseek-v3", "deepseek", "deepseek-chat", "DeepSeek V3.2 - Balanced performance for diverse tasks", "0.36", "0.54", 8192, 2),
  model("deepseek-reasoner", "deepseek", "deepseek-reasoner", "DeepSeek R1 - Advanced reasoning for complex problems", "0.90", "3.25", 65536, 3),
  model("qwen-plus", "dashscope", "qwen-plus", "Qwen3.6-Plus - Superior multilingual performance", "0.40", "1.20", 16384, 4),
  model("qwen-turbo", "dashscope", "qwen-turbo", "Qwen3.6-Turbo - Lightning-fast for real-time applications", "0.10", "0.30", 16384, 5),
  model("glm-4-flash", "zhipu", "glm-4-flash", "GLM-5.1-Flash - Optimized for Chinese language tasks", "0.15", "0.15", 16384, 6),
];

/** Insert the default models that are missing; never overwrites an operator's edits. */
export async function seedCatalog(): Promise<void> {
  const column = <T>(pick: (m: CatalogModel) => T) => DEFAULT_CATALOG.map(pick);
  await pool().query(
    `INSERT INTO "Model" (id, provider, "upstreamModel", description, "inputPrice", "outputPrice", "cachedInputPrice", "contextWindow", "maxOutputTokens", enabled, "sortOrder", aliases, "updatedAt")
     SELECT t.id, t.provider, t.upstream, t.description, t.input, t.output, t.cached, t.context, t.max_output, t.enabled, t.sort_order,
            ARRAY(SELECT jsonb_array_elements_text(coalesce($12::jsonb -> t.id, '[]'::jsonb))), now()
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::int[], $9::int[], $10::bool[], $11::int[])
       AS t(id, provider, upstream, description, input, output, cached, context, max_output, enabled, sort_order)
     ON CONFLICT (id) DO NOTHING`,
    [
      column((m) => m.id), column((m) => m.provider), column((m) => m.upstreamModel), column((m) => m.description),
      column((m) => m.inputPrice.toString()), column((m) => m.outputPrice.toString()), column((m) => m.cachedInputPrice?.toString() ?? null),
      column((m) => m.contextWindow), column((m) => m.maxOutputTokens), column((m) => m.enabled), column((m) => m.sortOrder),
      JSON.stringify(Object.fromEntries(DEFAULT_CATALOG.map((m) => [m.id, m.aliases]))),
    ],
  );
}

const CACHE_TTL_MS = 5_000;
const STALE_RETRY_MS = 1_000;
type Cache = { models: CatalogModel[]; byId: Map<string, CatalogModel>; prefixes: [string, CatalogModel][]; expires: number };

/** Whether an alias is a pattern: `claude-*` matches every name that starts with `claude-`. */
const isAliasPattern = (alias: string): boolean => alias.endsWith("*");
const globalForCatalog = globalThis as unknown as { __sibCatalog?: Cache; __sibCatalogLoad?: Promise<Cache> };

type ModelRow = Omit<CatalogModel, "inputPrice" | "outputPrice" | "cachedInputPrice"> & { inputPrice: string; outputPrice: string; cachedInputPrice: string | null };

async function load(): Promise<Cache> {
  const { rows } = await boundedQuery<ModelRow>(
    `SELECT id, provider, "upstreamModel", description, "inputPrice", "outputPrice", "cachedInputPrice", "contextWindow", "maxOutputTokens", enabled, "sortOrder", aliases
     FROM "Model" ORDER BY "sortOrder", id`,
  );
  const models: CatalogModel[] = rows.map((r) => ({
    ...r, inputPrice: BigInt(r.inputPrice), outputPrice: BigInt(r.outputPrice), cachedInputPrice: r.cachedInputPrice === null ? null : BigInt(r.cachedInputPrice),
  }));
  // Aliases first, so a model's own id always wins over another model's alias.
  const byId = new Map(models.flatMap((m) => m.aliases.filter((a) => !isAliasPattern(a)).map((alias) => [alias, m] as const)));
  for (const m of models) byId.set(m.id, m);
  const prefixes = models.flatMap((m) => m.aliases.filter(isAliasPattern).map((a): [string, CatalogModel] => [a.slice(0, -1), m]));
  prefixes.sort((a, b) => b[0].length - a[0].length);
  return { models, byId, prefixes, expires: Date.now() + CACHE_TTL_MS };
}

/** Serve the last loaded catalog while the database cannot be read (a restart): retry the load after a second. */
async function loadOrKeep(previous: Cache | undefined): Promise<Cache> {
  try {
    return await load();
  } catch (err) {
    if (!previous) throw err;
    return { ...previous, expires: Date.now() + STALE_RETRY_MS };
  }
}

const CATALOG_TOPIC = "catalog:changed";
const dropOnCatalogMessage = (): void => invalidateCatalog();

async function current(): Promise<Cache> {
  listenOnBus(CATALOG_TOPIC, dropOnCatalogMessage);
  const cached = globalForCatalog.__sibCatalog;
  if (cached && cached.expires > Date.now()) return cached;
  globalForCatalog.__sibCatalogLoad ??= loadOrKeep(cached).finally(() => (globalForCatalog.__sibCatalogLoad = undefined));
  globalForCatalog.__sibCatalog = await globalForCatalog.__sibCatalogLoad;
  return globalForCatalog.__sibCatalog;
}

/** Every model, enabled or not, in display order. */
export async function allModels(): Promise<CatalogModel[]> {
  return (await current()).models;
}

/** The enabled models, in display order. */
export async function enabledModels(): Promise<CatalogModel[]> {
  return (await current()).models.filter((m) => m.enabled);
}

/** An enabled model by public id or alias (exact, else the longest alias pattern it starts with), or undefined. */
export async function findModel(id: string): Promise<CatalogModel | undefined> {
  const { byId, prefixes } = await current();
  const found = byId.get(id) ?? prefixes.find(([prefix]) => id.startsWith(prefix))?.[1];
  return found?.enabled ? found : undefined;
}

/** Forget the cached catalog in this process. */
export function invalidateCatalog(): void {
  globalForCatalog.__sibCatalog = undefined;
}

/** After an operator edits the catalog: forget it here and on every other instance (Redis bus). */
export async function catalogChanged(): Promise<void> {
  invalidateCatalog();
  await announceOnBus(CATALOG_TOPIC, {}, dropOnCatalogMessage);
}
