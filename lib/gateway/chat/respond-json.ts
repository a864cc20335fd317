// A non-stream completion: read the upstream's JSON (blank keep-alive lines before it
// are skipped by JSON.parse), put our model id and usage in it, make it valid under
// OpenAI's schema.
import { GatewayError } from "../errors";
import { estimateTokens } from "../tokens";
import { estimatedUsage, readUsage, usageObject, type Usage } from "../usage";
import { normaliseCompletion } from "./normalise";
import type { UpstreamResponse } from "../providers/types";
import type { PreparedChat } from "./prepare";

const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export type JsonResult = { body: string; usage: Usage; estimated: boolean; produced: boolean };

type Completion = Record<string, unknown> & {
  model?: unknown;
  usage?: unknown;
  choices?: { message?: { content?: unknown; reasoning_content?: unknown; tool_calls?: unknown } }[];
};

/** The whole body of a non-stream answer (read before the client sees a byte, so a drop can still move on to another channel). */
export async function readCompletion(response: UpstreamResponse): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      response.abort();
      throw new GatewayError("service_unavailable", "The upstream's response was larger than the gateway accepts. Please retry later.");
    }
    parts.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return (parts.length === 1 ? parts[0]! : Buffer.concat(parts)).toString("utf8");
}

function generatedText(completion: Completion): string {
  let text = "";
  for (const choice of completion.choices ?? []) {
    const m = choice.message ?? {};
    if (typeof m.content === "string") text += m.content;
    if (typeof m.reasoning_content === "string") text += m.reasoning_content;
    if (m.tool_calls) text += JSON.stringify(m.tool_calls);
  }
  return text;
}

/** The client's JSON body and the usage to bill, from the upstream's `raw` answer. */
export function respondJson(prepared: PreparedChat, raw: string): JsonResult {
  let completion: Completion;
  try {
    completion = JSON.parse(raw) as Completion;
    if (!completion || typeof completion !== "object" || Array.isArray(completion)) throw new Error("not an object");
  } catch {
    throw new GatewayError("service_unavailable", `${prepared.model.id} returned a malformed response. Please retry later.`);
  }
  const reported = readUsage(completion.usage);
  // Usage the upstream reported is billed as it is; only without it is the text read for an estimate.
  const text = reported ? "" : generatedText(completion);
  const usage = reported ?? estimatedUsage(prepared.promptEstimate, estimateTokens(text));
  normaliseCompletion(completion, prepared.model.id);
  if (!reported) completion.usage = usageObject(usage);
  return { body: JSON.stringify(completion), usage, estimated: !reported, produced: !!reported || text.length > 0 };
}
