// A strict fake of one model provider over real HTTP: the simulator's answers in the
// provider's wire habits (a Dialect), its refusals first. Tests can make it fail the way
// the provider fails (fake.failWith("balance")) or hang, and read what it received.
import { startSimulator, type Dialect, type Recorded } from "../../scripts/simulator";

/** The ways a provider fails that failover cares about, in each provider's own shape. */
export type Trouble = "server" | "rate" | "balance" | "key" | "hang" | "stall";
export type ProviderRules = {
  /** The provider's error answer for each kind of trouble. */
  troubles: Record<Exclude<Trouble, "hang" | "stall">, { status: number; body: unknown }>;
  /** A refusal of this request (key, model, ranges, combinations), or null. */
  refuse(apiKey: string | null, body: Record<string, unknown>): { status: number; body: unknown } | null;
  reshape: Dialect["reshape"];
  answerAs?: Dialect["answerAs"];
};

export type ProviderFake = {
  baseUrl: string;
  /** The last requests received (bounded). */
  requests: Recorded[];
  /** How many requests it has received in all. */
  received(): number;
  /** From now on, answer every request with this trouble (null: behave). */
  failWith(trouble: Trouble | null): void;
  close(): Promise<void>;
};

/** Start a fake speaking `rules` that accepts `apiKey`. */
export async function startProviderFake(rules: ProviderRules, apiKey: string, tokenDelayMs = 0): Promise<ProviderFake> {
  let trouble: Trouble | null = null;
  let received = 0;
  const dialect: Dialect = {
    intercept(authorization, body) {
      received++;
      if (trouble === "hang" || trouble === "stall") return trouble;
      if (trouble) return rules.troubles[trouble];
      const bearer = authorization?.startsWith("Bearer ") ? authorization.slice(7) : null;
      return rules.refuse(bearer === apiKey ? bearer : bearer === null ? null : "", body);
    },
    reshape: rules.reshape,
    answerAs: rules.answerAs,
  };
  const simulator = await startSimulator(0, tokenDelayMs, dialect);
  return { ...simulator, received: () => received, failWith: (t) => (trouble = t) };
}

/** A number field outside [min, max] (or, with `open`, touching an open end). */
export function outOfRange(body: Record<string, unknown>, field: string, min: number, max: number, open: { min?: boolean; max?: boolean } = {}): boolean {
  const v = body[field];
  if (v === undefined || v === null) return false;
  if (typeof v !== "number") return true;
  return v < min || v > max || (open.min === true && v === min) || (open.max === true && v === max);
}

/**
 * The tool-turn rule of OpenAI-compatible chat APIs (DeepSeek, DashScope and Zhipu answer 400 as
 * OpenAI does): a `tool` message must answer a call of the assistant message before it, and every
 * call of an assistant message must be answered by the tool messages right after it. The message
 * of the refusal, or null.
 */
export function toolTurnError(body: Record<string, unknown>): string | null {
  const messages = Array.isArray(body.messages) ? (body.messages as { role?: string; tool_call_id?: string; tool_calls?: { id?: string }[] }[]) : [];
  let open: Set<string> | null = null;
  for (const m of messages) {
    if (m.role === "tool") {
      if (!open || !open.delete(String(m.tool_call_id))) return "Messages with role 'tool' must be a response to a preceding message with 'tool_calls'.";
      continue;
    }
    if (open?.size) return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...open].join(", ")}`;
    open = m.role === "assistant" && m.tool_calls?.length ? new Set(m.tool_calls.map((c) => String(c.id))) : null;
  }
  return null;
}

/**
 * The first message whose content is an array of parts: its index and the index and type of its
 * first part that is not text (-1 and null when every part is text), or null when every content is a string.
 */
export function contentParts(body: Record<string, unknown>): { message: number; nonText: number; type: string | null } | null {
  const messages = Array.isArray(body.messages) ? (body.messages as { content?: unknown }[]) : [];
  const message = messages.findIndex((m) => Array.isArray(m?.content));
  if (message === -1) return null;
  const parts = messages[message].content as { type?: unknown; text?: unknown }[];
  const nonText = parts.findIndex((p) => p?.type !== "text" || typeof p.text !== "string");
  return { message, nonText, type: nonText === -1 ? null : String(parts[nonText]?.type) };
}
