// Reading token usage from an upstream's response, whichever way it reports it.

export type Usage = {
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  /** Completion tokens spent thinking (part of completionTokens). */
  reasoningTokens: number;
};

type RawUsage = {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
  prompt_cache_hit_tokens?: unknown;
  prompt_tokens_details?: { cached_tokens?: unknown } | null;
  completion_tokens_details?: { reasoning_tokens?: unknown } | null;
};

const count = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0);

/** Usage from an OpenAI-style `usage` object (DeepSeek's cache and reasoning fields included), or null when absent. */
export function readUsage(raw: unknown): Usage | null {
  if (!raw || typeof raw !== "object") return null;
  const u = raw as RawUsage;
  if (typeof u.prompt_tokens !== "number" && typeof u.completion_tokens !== "number") return null;
  const cached = count(u.prompt_cache_hit_tokens) || count(u.prompt_tokens_details?.cached_tokens);
  const reasoning = count(u.completion_tokens_details?.reasoning_tokens);
  return { promptTokens: count(u.prompt_tokens), completionTokens: count(u.completion_tokens), cachedTokens: cached, reasoningTokens: reasoning };
}

/** An estimate where the upstream reported none. */
export function estimatedUsage(promptTokens: number, completionTokens: number): Usage {
  return { promptTokens, completionTokens, cachedTokens: 0, reasoningTokens: 0 };
}

/** The OpenAI `usage` object for a usage we computed ourselves. */
export function usageObject(usage: Usage): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  return { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.promptTokens + usage.completionTokens };
}
