// One request of the log in full: timings, tokens, cost and how it was computed, the error.
import { prisma } from "../db";
import { keyNames } from "../keys/list";

export type RequestDetail = {
  requestId: string;
  createdAt: Date;
  model: string;
  provider: string;
  channel: string | null;
  api: string;
  keyName: string;
  stream: boolean;
  status: string;
  httpStatus: number;
  errorCode: string | null;
  latencyMs: number;
  ttftMs: number | null;
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  estimated: boolean;
  cost: bigint;
  /** Today's catalog prices of the model, nano-dollars per token; null when it is no longer listed. */
  price: { input: bigint; cachedInput: bigint | null; output: bigint } | null;
};

/** A user's request by its X-Request-Id, or null (also for another user's request). */
export async function requestDetail(userId: string, requestId: string): Promise<RequestDetail | null> {
  const row = await prisma().usageLog.findFirst({ where: { requestId, userId } });
  if (!row) return null;
  const [names, model] = await Promise.all([
    keyNames(userId),
    row.model ? prisma().model.findUnique({ where: { id: row.model } }) : null,
  ]);
  return {
    requestId: row.requestId,
    createdAt: row.createdAt,
    model: row.model,
    provider: row.provider,
    channel: row.channel,
    api: row.api,
    keyName: names.get(row.apiKeyId) ?? "Deleted key",
    stream: row.stream,
    status: row.status,
    httpStatus: row.httpStatus,
    errorCode: row.errorCode,
    latencyMs: row.latencyMs,
    ttftMs: row.ttftMs,
    promptTokens: row.promptTokens,
    cachedTokens: row.cachedTokens,
    completionTokens: row.completionTokens,
    reasoningTokens: row.reasoningTokens,
    estimated: row.estimated,
    cost: row.cost,
    price: model ? { input: model.inputPrice, cachedInput: model.cachedInputPrice, output: model.outputPrice } : null,
  };
}
