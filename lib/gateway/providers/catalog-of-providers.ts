// The three upstream providers of the environment's default channels: where they live
// and which variables configure them. Their wire-format rules live in adaptors/.
import type { Env } from "../../env";
import type { ProviderId } from "../catalog";

type Prefix = "DEEPSEEK" | "DASHSCOPE" | "ZHIPU";

export type ProviderSpec = {
  id: ProviderId;
  label: string;
  keyVar: `${Prefix}_API_KEY`;
  baseUrl: (env: Env) => string;
  apiKey: (env: Env) => string | undefined;
};

function provider(id: ProviderId, label: string, prefix: Prefix): ProviderSpec {
  return {
    id,
    label,
    keyVar: `${prefix}_API_KEY`,
    baseUrl: (env) => env[`${prefix}_BASE_URL`],
    apiKey: (env) => env[`${prefix}_API_KEY`],
  };
}

export const PROVIDERS: Record<ProviderId, ProviderSpec> = {
  deepseek: provider("deepseek", "DeepSeek", "DEEPSEEK"),
  dashscope: provider("dashscope", "DashScope (Qwen)", "DASHSCOPE"),
  zhipu: provider("zhipu", "Zhipu (GLM)", "ZHIPU"),
};
