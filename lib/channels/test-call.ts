// One real call through a channel, for an operator: the latency and what the upstream
// answered (its own words, since they are the operator's to read).
import { findModel } from "../gateway/catalog";
import { readUpstreamError } from "../gateway/chat/upstream-error";
import { ADAPTORS } from "../gateway/providers/adaptors";
import { env } from "../env";
import { defaultChannels } from "./defaults";
import { recordFailure, recordSuccess } from "./health";
import { databaseChannels, reloadChannels } from "./snapshot";
import { ChannelError } from "./types";

export type ChannelTestResult = { ok: boolean; channel: string; model: string; status: number | null; latencyMs: number; answer: string };

async function readBody(body: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString("utf8");
}

/** Send one short chat request through the channel named `name` (its first model) and report. */
export async function testChannel(name: string): Promise<ChannelTestResult> {
  await reloadChannels();
  const channel = [...(await databaseChannels()), ...defaultChannels()].find((c) => c.name === name);
  if (!channel) throw new ChannelError(`No channel is named "${name}".`);
  const first = channel.models ? [...channel.models.entries()][0] : null;
  const publicId = first?.[0] ?? null;
  const catalog = publicId ? await findModel(publicId) : undefined;
  const upstreamModel = first?.[1] ?? catalog?.upstreamModel ?? publicId ?? "";
  const body: Record<string, unknown> = { model: upstreamModel, messages: [{ role: "user", content: "Reply with the single word: ready" }], max_tokens: 16, stream: false };
  ADAPTORS[channel.provider].adapt(body);
  const started = Date.now();
  const result = { channel: name, model: upstreamModel };
  try {
    const response = await channel.upstream.send({ body, stream: false, signal: AbortSignal.timeout(env().UPSTREAM_TIMEOUT_MS * 2), timeoutMs: channel.timeoutMs ?? env().UPSTREAM_TIMEOUT_MS });
    const latencyMs = Date.now() - started;
    if (response.status < 200 || response.status >= 300) {
      const error = await readUpstreamError(response.status, response.body);
      recordFailure(name, `test: answered ${error.status}: ${error.message}`);
      return { ...result, ok: false, status: response.status, latencyMs, answer: `${error.code ? `code ${error.code}: ` : ""}${error.message}` };
    }
    const text = await readBody(response.body);
    recordSuccess(name, latencyMs);
    let answer = text.trim();
    try {
      const parsed = JSON.parse(text) as { choices?: { message?: { content?: unknown } }[] };
      const content = parsed.choices?.[0]?.message?.content;
      if (typeof content === "string") answer = content;
    } catch {
      // not JSON: show the raw text
    }
    return { ...result, ok: true, status: response.status, latencyMs, answer: answer.slice(0, 500) };
  } catch (err) {
    recordFailure(name, `test: ${(err as Error).message}`);
    return { ...result, ok: false, status: null, latencyMs: Date.now() - started, answer: (err as Error).message };
  }
}
