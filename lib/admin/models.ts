// model-list / model-set: the catalog from the command line, changes in force from the next request.
import { AliasError, listModels, parsePrice, PriceError, updateModel, UnknownModelError, type ModelChange } from "../admin-console/models";
import { cliActor } from "../audit/actor";
import { formatPerMillion } from "../money";
import { defineCommand, InputError, optional, positiveInt, required, type Values } from "./command";

function price(values: Values, name: string): bigint | undefined {
  const value = optional(values, name);
  if (value === undefined) return undefined;
  try {
    return parsePrice(value);
  } catch (err) {
    if (err instanceof PriceError) throw new InputError(`--${name}: ${err.message}`);
    throw err;
  }
}

function flag(values: Values, name: string): boolean | undefined {
  const value = optional(values, name);
  if (value === undefined) return undefined;
  if (value !== "true" && value !== "false") throw new InputError(`--${name} must be true or false, not "${value}".`);
  return value === "true";
}

/** --aliases "a, b" as a list; "none" clears them. */
function aliasList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === "none") return [];
  return [...new Set(value.split(",").map((a) => a.trim()).filter(Boolean))];
}

// npm run admin -- model-list [--json]
export const modelList = defineCommand({
  name: "model-list",
  summary: "List the catalog: prices (USD per million tokens), limits, upstream and whether each model is enabled.",
  options: {},
  parse: () => ({}),
  run: async () => {
    const models = await listModels();
    return {
      ok: true,
      data: { models: models.map((m) => ({ ...m, inputPrice: m.inputPrice.toString(), outputPrice: m.outputPrice.toString(), cachedInputPrice: m.cachedInputPrice?.toString() ?? null })) },
      lines: models.map((m) =>
        `${m.id.padEnd(20)} ${m.enabled ? "enabled " : "disabled"} in ${formatPerMillion(m.inputPrice)} out ${formatPerMillion(m.outputPrice)}` +
        ` cached ${m.cachedInputPrice === null ? "-" : formatPerMillion(m.cachedInputPrice)} /1M · ${m.provider}:${m.upstreamModel} · context ${m.contextWindow} · output ${m.maxOutputTokens}` +
        (m.aliases.length ? ` · aliases ${m.aliases.join(",")}` : "")),
    };
  },
});

// npm run admin -- model-set --id ID [--input-price USD_PER_M] [--output-price …] [--cached-price …|none] [--enabled true|false] [--upstream NAME] [--context N] [--max-output N] [--aliases a,b|none]
export const modelSet = defineCommand({
  name: "model-set",
  summary: "Change a model's prices, upstream model, limits or availability; every instance uses it from the next request.",
  options: {
    id: { type: "string", description: "the model's public id (required)" },
    "input-price": { type: "string", description: "USD per million input tokens" },
    "output-price": { type: "string", description: "USD per million output tokens" },
    "cached-price": { type: "string", description: "USD per million cached input tokens, or none" },
    enabled: { type: "string", description: "true or false" },
    upstream: { type: "string", description: "the upstream's model name" },
    context: { type: "string", description: "context window, tokens" },
    "max-output": { type: "string", description: "largest max_tokens, tokens" },
    aliases: { type: "string", description: "other names for this model, comma-separated (e.g. claude-sonnet-4-5), or none" },
  },
  parse: (values) => {
    const cached = optional(values, "cached-price");
    const change: ModelChange = {
      inputPrice: price(values, "input-price"),
      outputPrice: price(values, "output-price"),
      cachedInputPrice: cached === "none" ? null : price(values, "cached-price"),
      enabled: flag(values, "enabled"),
      upstreamModel: optional(values, "upstream") || undefined,
      contextWindow: positiveInt(values, "context"),
      maxOutputTokens: positiveInt(values, "max-output"),
      aliases: aliasList(optional(values, "aliases")),
    };
    if (Object.values(change).every((v) => v === undefined)) throw new InputError("Nothing to change: give at least one of the options.");
    return { id: required(values, "id"), change };
  },
  run: async (input) => {
    try {
      const { before, after } = await updateModel(cliActor(), input.id, input.change);
      const show = (v: unknown) => (typeof v === "bigint" ? formatPerMillion(v) : Array.isArray(v) ? v.join(",") || "none" : String(v));
      const lines = Object.keys(after).map((k) => `${input.id} ${k}: ${show(before[k])} → ${show(after[k])}`);
      const plain = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v]));
      return { ok: true, data: { id: input.id, before: plain(before), after: plain(after) }, lines: lines.length ? lines : [`${input.id}: nothing changed`] };
    } catch (err) {
      if (err instanceof UnknownModelError || err instanceof AliasError) throw new InputError(err.message);
      throw err;
    }
  },
});
