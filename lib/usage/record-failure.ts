// A failed authenticated /v1 request, kept in the request log at cost 0 with its error code,
// so a customer sees every call they made (and can quote its X-Request-Id to support).
import { prisma } from "../db";
import { log } from "../log";

export type FailedRequest = {
  requestId: string;
  userId: string;
  keyId: string;
  /** The spec's error code and the HTTP status the client was answered with. */
  code: string;
  httpStatus: number;
  startedAt: number;
  /** The catalog model and the channel tried, when the request got that far. */
  model?: string;
  channel?: string;
  /** The API surface: chat | messages. */
  api: string;
};

/** Record one failed request (idempotent by request id); never throws, it runs after the response. */
export async function recordFailure(failure: FailedRequest): Promise<void> {
  try {
    await prisma().usageLog.createMany({
      data: [{
        requestId: failure.requestId,
        userId: failure.userId,
        apiKeyId: failure.keyId,
        model: failure.model ?? "",
        channel: failure.channel ?? null,
        api: failure.api,
        provider: "",
        promptTokens: 0,
        completionTokens: 0,
        cost: 0n,
        estimated: false,
        stream: false,
        status: "error",
        httpStatus: failure.httpStatus,
        errorCode: failure.code,
        latencyMs: Math.max(0, Date.now() - failure.startedAt),
      }],
      skipDuplicates: true,
    });
  } catch (err) {
    log.warn(`could not log failed request ${failure.requestId}: ${(err as Error).message}`);
  }
}
