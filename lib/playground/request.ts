// The playground's call: the signed-in user's chat, sent through the /v1 pipeline with the
// playground key's identity, streamed, with usage in the last chunk — billed like any client.
import { z } from "zod";
import { handleWebRequest } from "../gateway/web";
import { playgroundIdentity } from "../keys/playground";
import { UserError } from "../actions/errors";

export const playgroundSchema = z.object({
  model: z.string().min(1).max(100),
  messages: z
    .array(z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string().max(100_000) }))
    .min(1)
    .max(100),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().min(1).max(65_536).optional(),
});

export type PlaygroundInput = z.infer<typeof playgroundSchema>;

/** Forward a playground chat to POST /v1/chat/completions as the user's playground key. */
export async function playgroundCompletion(
  userId: string,
  input: PlaygroundInput,
  origin: string,
  options: { signal?: AbortSignal; waitUntil?: (p: Promise<unknown>) => void },
): Promise<Response> {
  const identity = await playgroundIdentity(userId);
  if (!identity) throw new UserError("Your account is closed.", undefined, 401);
  const request = new Request(new URL("/v1/chat/completions", origin), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...input, stream: true, stream_options: { include_usage: true } }),
    signal: options.signal,
  });
  return handleWebRequest(request, { identity, waitUntil: options.waitUntil });
}
