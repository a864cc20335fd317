// The three upstream providers: where they live, which variables configure them and
// the small ways each differs from OpenAI's wire format.
import type { Env } from "../../env";
import type { ProviderId } from "../catalog";

export type ProviderSpec = {
  id: ProviderId;
  label: string;
  keyVar: "DEEPSEEK_API_KEY" | "DASHSCOPE_API_KEY" | "ZHIPU_API_KEY";
  baseUrl: (env: Env) => string;
  apiKey: (env: Env) => string | undefined;
  /** Adjust a body for this provider (after the gateway's defaults are applied). */
  adapt?: (body: Record<string, unknown>) => void;
};

export const PROVIDERS: Record<ProviderId, ProviderSpec> = {
  deepseek: {
    id: "deepseek",
    label: "DeepSeek",
    keyVar: "DEEPSEEK_API_KEY",
    baseUrl: (env) => env.DEEPSEEK_BASE_URL,
    apiKey: (env) => env.DEEPSEEK_API_KEY,
  },
  dashscope: {
    id: "dashscope",
    label: "DashScope (Qwen)",
    keyVar: "DASHSCOPE_API_KEY",
    baseUrl: (env) => env.DASHSCOPE_BASE_URL,
    apiKey: (env) => env.DASHSCOPE_API_KEY,
  },
  zhipu: {
    id: "zhipu",
    label: "Zhipu (GLM)",
    keyVar: "ZHIPU_API_KEY",
    baseUrl: (env) => env.ZHIPU_BASE_URL,
    apiKey: (env) => env.ZHIPU_API_KEY,
    // GLM takes temperature in [0, 1]; the spec allows up to 2.
    adapt: (body) => {
      if (typeof body.temperature === "number" && body.temperature > 1) body.temperature = 1;
    },
  },
};
