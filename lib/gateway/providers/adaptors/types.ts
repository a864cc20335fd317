// What a provider adaptor declares: what it renames, clamps and drops in a request,
// the extras it accepts, and how its error answers map to the gateway's error table.

/** An upstream's error answer, reduced to what classification needs. */
export type UpstreamError = { status: number; message: string; code: string | null; type: string | null };

/**
 * client: the request's own mistake → 400 with the reason; content: refused by the provider's content
 * safety → 400 saying so; account: our provider credential or balance → disable the channel, try the
 * next; model: the provider does not know the channel's upstream name for this model (retired or
 * misspelt) → try the next channel, the channel stays in service for its other models; retry: the
 * channel's trouble (rate limit, 5xx, unknown) → try the next channel.
 */
export type ErrorKind = "client" | "content" | "account" | "model" | "retry";

export type Adaptor = {
  id: "deepseek" | "dashscope" | "zhipu" | "openai";
  /** Documented request fields beyond OpenAI's, billed by tokens, that this provider takes. */
  extras: readonly string[];
  /** Map a body (the gateway's defaults applied) into what the provider accepts, in place. */
  adapt(body: Record<string, unknown>): void;
  /** Classify an error answer. */
  classify(error: UpstreamError): ErrorKind;
};
