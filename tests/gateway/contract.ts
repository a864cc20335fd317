// OpenAI's own JSON schemas (tests/contracts, from OpenAI's published OpenAPI spec)
// as validators for what /v1 returns.
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

const file = path.join(__dirname, "../contracts/openai-chat-schemas.json");
const document = JSON.parse(readFileSync(file, "utf8")) as { components: { schemas: Record<string, object> } };
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat("unixtime", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= 0 });
for (const [name, schema] of Object.entries(document.components.schemas)) ajv.addSchema(schema, `#/components/schemas/${name}`);

const cache = new Map<string, ValidateFunction>();

/** Validation errors of `value` against OpenAI's schema `name`; an empty list when it conforms. */
export function schemaErrors(name: string, value: unknown): string[] {
  let validate = cache.get(name);
  if (!validate) {
    validate = ajv.getSchema(`#/components/schemas/${name}`);
    if (!validate) throw new Error(`no schema ${name}`);
    cache.set(name, validate);
  }
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
