// The three upstream providers: where they live, which variables configure them and
// the small ways each differs from OpenAI's wire format.
import type { Env } from "../../env";
import type { ProviderId } from "../catalog";

type Prefix = "DEEPSEEK" | "DASHSCOPE" | "ZHIPU";

export type ProviderSpec = {
  id: ProviderId;
  label: string;
  keyVar: `${Prefix}_API_KEY`;
  baseUrl: (env: Env) => string;
  apiKey: (env: Env) => string | undefined;
  /** Adjust a body for this provider (after the gateway's defaults are applied). */
  adapt?: (body: Record<string, unknown>) => void;
};

function provider(id: ProviderId, label: string, prefix: Prefix, adapt?: ProviderSpec["adapt"]): ProviderSpec {
  return {
    id,
    label,
    keyVar: `${prefix}_API_KEY`,
    baseUrl: (env) => env[`${prefix}_BASE_URL`],
    apiKey: (env) => env[`${prefix}_API_KEY`],
    adapt,
  };
}

export const PROVIDERS: Record<ProviderId, ProviderSpec> = {
  deepseek: provider("deepseek", "DeepSeek", "DEEPSEEK"),
  dashscope: provider("dashscope", "DashScope (Qwen)", "DASHSCOPE"),
  // GLM takes temperature in [0, 1]; the spec allows up to 2.
  zhipu: provider("zhipu", "Zhipu (GLM)", "ZHIPU", (body) => {
    if (typeof body.temperature === "number" && body.temperature > 1) body.temperature = 1;
  }),
};
