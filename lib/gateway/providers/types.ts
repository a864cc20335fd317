// What every upstream looks like to the pipeline: OpenAI's chat wire format in,
// a status and a byte stream out.

export type UpstreamCall = {
  /** The JSON body to send, already carrying the upstream's model name. */
  body: Record<string, unknown>;
  stream: boolean;
  signal: AbortSignal;
  /** Wait at most this long for the first byte, and between stream chunks. */
  timeoutMs: number;
};

export type UpstreamResponse = {
  status: number;
  body: AsyncIterable<Uint8Array>;
  /** Stop reading and close the connection. */
  abort(): void;
};

/** One configured way to reach a model: a provider's endpoint with its key. */
export type Upstream = {
  /** Provider id for logs and usage rows ("deepseek", "dashscope", "zhipu", "openai"). */
  provider: string;
  /** Name of the channel this upstream belongs to (usage rows, logs, health). */
  channel: string;
  /** Set for the built-in simulator: responses carry system_fingerprint "simulated". */
  simulated: boolean;
  send(call: UpstreamCall): Promise<UpstreamResponse>;
};
