// Which request fields go upstream: OpenAI's chat fields that every provider bills by
// tokens, plus the documented token-billed extras of the model's provider. Everything
// else (provider features priced apart, such as DashScope's enable_search; OpenAI-only
// features; stray fields such as api_key) is dropped and named to the client in the
// X-Sib-Ignored-Params response header.
import { ADAPTORS } from "../providers/adaptors";
import type { ProviderId } from "../catalog";

const OPENAI_FIELDS = new Set([
  "model", "messages", "stream", "stream_options", "temperature", "top_p", "max_tokens", "max_completion_tokens",
  "presence_penalty", "frequency_penalty", "stop", "seed", "user", "logit_bias", "logprobs", "top_logprobs",
  "tools", "tool_choice", "parallel_tool_calls", "response_format", "functions", "function_call", "reasoning_effort",
]);

/** Split a request into the fields to forward and the names of those dropped. */
export function forwardableFields(request: Record<string, unknown>, provider: ProviderId): { kept: Record<string, unknown>; ignored: string[] } {
  const extras = ADAPTORS[provider]?.extras ?? [];
  const kept: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(request)) {
    // n > 1 multiplies the output beyond what the hold covers; 1 is the default anyway.
    const allowed = name === "n" ? value === 1 : OPENAI_FIELDS.has(name) || extras.includes(name);
    if (allowed) kept[name] = value;
    else ignored.push(name);
  }
  return { kept, ignored };
}
