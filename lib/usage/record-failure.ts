// A failed authenticated /v1 request, kept in the request log at cost 0 with its error code,
// so a customer sees every call they made (and can quote its X-Request-Id to support).
import { boundedQuery } from "../db";
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
    await boundedQuery(
      `INSERT INTO "UsageLog" ("requestId", "userId", "apiKeyId", model, channel, api, provider, "promptTokens", "completionTokens", cost,
                               estimated, stream, status, "httpStatus", "errorCode", "latencyMs")
       VALUES ($1, $2, $3, $4, $5, $6, '', 0, 0, 0, false, false, 'error', $7, $8, $9)
       ON CONFLICT DO NOTHING`,
      [failure.requestId, failure.userId, failure.keyId, failure.model ?? "", failure.channel ?? null, failure.api,
        failure.httpStatus, failure.code, Math.max(0, Date.now() - failure.startedAt)],
    );
  } catch (err) {
    log.warn(`could not log failed request ${failure.requestId}: ${(err as Error).message}`);
  }
}
