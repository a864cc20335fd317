// A streamed completion: relay each upstream event to the client as it arrives,
// touching only what must change (our model id; the usage chunk the client did not
// ask for), and record what was generated for billing.
import { errorBody } from "../errors";
import { sseData, sseEvent, SSE_DONE } from "../sse";
import { readUsage, type Usage } from "../usage";
import type { UpstreamResponse } from "../providers/types";
import type { PreparedChat } from "./prepare";

export type StreamEnd = {
  status: "ok" | "client_closed" | "upstream_error";
  usage: Usage | null;
  /** Generated text (content, reasoning, tool arguments), still JSON-escaped: for estimates only. */
  generated: string;
  firstTokenAt: number | null;
};

const GENERATED = /"(?:content|reasoning_content|arguments)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
const HAS_USAGE = /"usage"\s*:\s*\{/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

type Relay = {
  /** Events of the upstream stream; the first one already read. */
  events: AsyncGenerator<string>;
  first: IteratorResult<string>;
  response: UpstreamResponse;
  signal: AbortSignal;
  onEnd: (end: StreamEnd) => void;
};

/** The first event of an upstream stream, read before the client's response starts (so failure can still be a clean error). */
export async function openStream(response: UpstreamResponse): Promise<{ events: AsyncGenerator<string>; first: IteratorResult<string> }> {
  const events = sseData(response.body);
  return { events, first: await events.next() };
}

/** The client's SSE body. `onEnd` runs exactly once, however the stream ends. */
export async function* relayStream(prepared: PreparedChat, relay: Relay): AsyncGenerator<Uint8Array> {
  const rewrite = prepared.model.upstreamModel !== prepared.model.id
    ? { pattern: new RegExp(`"model"\\s*:\\s*"${escapeRegExp(prepared.model.upstreamModel)}"`), value: `"model":${JSON.stringify(prepared.model.id)}` }
    : null;
  const end: StreamEnd = { status: "client_closed", usage: null, generated: "", firstTokenAt: null };

  const transform = (data: string): string | null => {
    let out = rewrite ? data.replace(rewrite.pattern, rewrite.value) : data;
    for (const match of out.matchAll(GENERATED)) {
      if (!match[1]) continue;
      end.generated += match[1];
      end.firstTokenAt ??= Date.now();
    }
    if (!HAS_USAGE.test(out)) return out;
    const parsed = JSON.parse(out) as { usage?: unknown; choices?: unknown[] };
    end.usage = readUsage(parsed.usage) ?? end.usage;
    if (prepared.includeUsage) return out;
    if (!parsed.choices?.length) return null;
    delete parsed.usage;
    return JSON.stringify(parsed);
  };

  let sawDone = false;
  try {
    for (let next = relay.first; !next.done; next = await relay.events.next()) {
      if (next.value === "[DONE]") {
        sawDone = true;
        break;
      }
      const out = transform(next.value);
      if (out !== null) yield sseEvent(out);
    }
    if (sawDone || end.usage) {
      end.status = "ok";
      yield SSE_DONE;
    } else {
      end.status = "upstream_error";
      yield sseEvent(errorBody("service_unavailable", `The ${prepared.model.id} stream ended early. What arrived is billed; retry for the rest.`));
    }
  } catch {
    if (!relay.signal.aborted) {
      end.status = "upstream_error";
      yield sseEvent(errorBody("service_unavailable", `The ${prepared.model.id} stream was interrupted upstream. What arrived is billed; retry for the rest.`));
    }
  } finally {
    if (end.status !== "ok") relay.response.abort();
    await relay.events.return(undefined).catch(() => undefined);
    relay.onEnd(end);
  }
}
