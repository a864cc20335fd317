// A streamed completion: relay the upstream's events to the client as they arrive (those of
// one network read leave together, in one chunk),
// touching only what must change (our model id; fields OpenAI's schema requires; the
// usage chunk the client did not ask for, or the estimate it asked for and the upstream
// did not send), and record what was generated for billing. An event that needs no change
// is forwarded as the bytes it came in: it is only scanned (as latin1, a byte-for-byte view
// in which every JSON delimiter is itself), never decoded as UTF-8 and re-encoded.
import { errorBody } from "../errors";
import { joinEvents, sseEvent, sseReads, SSE_DONE, type SseFrame } from "../sse";
import { estimateTokens } from "../tokens";
import { estimatedUsage, readUsage, usageObject, type Usage } from "../usage";
import type { UpstreamResponse } from "../providers/types";
import { chunkNeedsWork, normaliseChunk } from "./normalise";
import type { PreparedChat } from "./prepare";
import { scanRead } from "./read-scan";

export type StreamEnd = {
  status: "ok" | "client_closed" | "upstream_error";
  usage: Usage | null;
  /** Generated text (content, reasoning, tool arguments), still JSON-escaped, its UTF-8 bytes as latin1 characters: read it with generatedText(). */
  generatedBytes: string;
  firstTokenAt: number | null;
};

const HAS_USAGE = /"usage"\s*:\s*\{/;
/** The top-level "model" key: inside JSON strings quotes are escaped, so an unescaped one is a key. */
const MODEL_FIELD = /"model"\s*:\s*"(?:[^"\\]|\\.)*"/;
const ID_FIELD = /"id"\s*:\s*"((?:[^"\\]|\\.)*)"/;
const CREATED_FIELD = /"created"\s*:\s*(\d+)/;

type Relay = OpenedStream & {
  response: UpstreamResponse;
  signal: AbortSignal;
  /** Awaited before the client can see the stream's end (its [DONE], or the error event that ends it): the request's lease goes back first. */
  beforeEnd: () => Promise<void>;
  onEnd: (end: StreamEnd) => void;
  /** The record to fill as the stream goes (readable meanwhile, e.g. for progress); a new one by default. */
  end?: StreamEnd;
};

/** The record of a stream that has not started. */
export function newStreamEnd(): StreamEnd {
  return { status: "client_closed", usage: null, generatedBytes: "", firstTokenAt: null };
}

/** What a stream has generated so far, as text (JSON-escaped): for estimates. */
export function generatedText(end: StreamEnd): string {
  return Buffer.from(end.generatedBytes, "latin1").toString("utf8");
}

/** An upstream stream's events, read by read, with the first read's already taken. */
export type OpenedStream = { reads: AsyncGenerator<SseFrame[]>; first: IteratorResult<SseFrame[]> };

/** The first events of an upstream stream, read before the client's response starts (so failure can still move on to another channel). */
export async function openStream(response: UpstreamResponse): Promise<OpenedStream> {
  const reads = sseReads(response.body);
  return { reads, first: await reads.next() };
}

/** The usage chunk carrying our estimate, for a client that asked for usage when the upstream sent none. */
function estimateChunk(prepared: PreparedChat, end: StreamEnd, meta: { id: string; created: number }): string {
  const usage = estimatedUsage(prepared.promptEstimate, estimateTokens(generatedText(end)));
  return JSON.stringify({ id: meta.id, object: "chat.completion.chunk", created: meta.created, model: prepared.model.id, choices: [], usage: usageObject(usage) });
}

/** Whether an event may be one of a stream's last: usage, or [DONE]. */
function mayEndStream(frame: SseFrame): boolean {
  return frame.data[0] === 0x5b /* [ */ || frame.data.includes('"usage"');
}

/**
 * The client's SSE body: a chunk per upstream read; the read that ends the stream leaves with its
 * end ([DONE]) once `beforeEnd` has run. `onEnd` runs exactly once, however the stream ends.
 */
export async function* relayStream(prepared: PreparedChat, relay: Relay): AsyncGenerator<Uint8Array> {
  const modelField = `"model":${JSON.stringify(prepared.model.id)}`;
  const end = relay.end ?? newStreamEnd();
  const meta = { id: `chatcmpl-${Date.now()}`, created: Math.floor(Date.now() / 1000) };
  let sawMeta = false;

  /** Note the stream's id and creation time from its first event (`text`, events as latin1), and what was `generated`. */
  const note = (text: string, generated: string): void => {
    if (!sawMeta) {
      sawMeta = true;
      meta.id = ID_FIELD.exec(text)?.[1] ?? meta.id;
      meta.created = Number(CREATED_FIELD.exec(text)?.[1] ?? meta.created);
    }
    if (!generated) return;
    end.generatedBytes += generated;
    end.firstTokenAt ??= Date.now();
  };

  /**
   * A read's events as they came, in one chunk of the read's own memory, when none needs a change
   * (checked on the read's text at once, the common case); null when one might.
   */
  const readAsIs = (frames: SseFrame[]): Uint8Array | null => {
    const raws: Buffer[] = [];
    for (const frame of frames) if (frame.raw) raws.push(frame.raw);
    if (raws.length !== frames.length) return null;
    const bytes = joinEvents(raws);
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
    const scanned = scanRead(text, prepared.model.id, frames.length);
    if (!scanned.asIs) return null;
    note(text, scanned.generated);
    return bytes;
  };

  /** The event for the client: the upstream's own bytes when nothing in it must change, else rewritten; null drops it. */
  const relayed = (frame: SseFrame, text: string): Uint8Array | null => {
    note(text, scanRead(text, prepared.model.id, 1).generated);
    const hasUsage = HAS_USAGE.test(text);
    if (!hasUsage && !chunkNeedsWork(text)) {
      if (frame.raw && text.includes(modelField)) return frame.raw;
      return sseEvent(frame.data.toString("utf8").replace(MODEL_FIELD, modelField));
    }
    const parsed = JSON.parse(frame.data.toString("utf8")) as { usage?: unknown; choices?: unknown[] } & Record<string, unknown>;
    normaliseChunk(parsed, prepared.model.id);
    if (hasUsage) {
      end.usage = readUsage(parsed.usage) ?? end.usage;
      if (!prepared.includeUsage) {
        if (!(parsed.choices as unknown[]).length) return null;
        delete parsed.usage;
      }
    }
    return sseEvent(JSON.stringify(parsed));
  };

  let sawDone = false;

  /**
   * Events that arrived together, as one chunk for the client (null: nothing to send). Those before
   * the stream's last ones (usage, [DONE]) are checked together; those one by one, up to [DONE].
   */
  const relayBatch = (frames: SseFrame[]): Uint8Array | null => {
    let cut = frames.length;
    while (cut > 0 && mayEndStream(frames[cut - 1]!)) cut--;
    const head = cut ? readAsIs(frames.slice(0, cut)) : null;
    const parts: Uint8Array[] = head ? [head] : [];
    for (const frame of head ? frames.slice(cut) : frames) {
      const text = frame.data.toString("latin1");
      if (text === "[DONE]") {
        sawDone = true;
        break;
      }
      const out = relayed(frame, text);
      if (out !== null) parts.push(out);
    }
    return parts.length ? joinEvents(parts) : null;
  };

  try {
    /** What the read that carried [DONE] had before it: it leaves with the end. */
    let last: Uint8Array | null = null;
    for (let next = relay.first; !next.done && !sawDone; next = await relay.reads.next()) {
      // The stream's very first event goes out by itself, at once (it ends the client's wait for a first byte).
      const frames = next.value;
      const batches = next === relay.first && frames.length > 1 ? [frames.slice(0, 1), frames.slice(1)] : [frames];
      for (const batch of batches) {
        const out = relayBatch(batch);
        if (sawDone) {
          last = out;
          break;
        }
        if (out) yield out;
      }
    }
    const ending: Uint8Array[] = last ? [last] : [];
    if (sawDone || end.usage) {
      end.status = "ok";
      if (prepared.includeUsage && !end.usage) ending.push(sseEvent(estimateChunk(prepared, end, meta)));
      ending.push(SSE_DONE);
    } else {
      end.status = "upstream_error";
      ending.push(sseEvent(errorBody("service_unavailable", `The ${prepared.model.id} stream ended early. What arrived is billed; retry for the rest.`)));
    }
    await relay.beforeEnd();
    yield* ending;
  } catch {
    if (!relay.signal.aborted) {
      end.status = "upstream_error";
      await relay.beforeEnd();
      yield sseEvent(errorBody("service_unavailable", `The ${prepared.model.id} stream was interrupted upstream. What arrived is billed; retry for the rest.`));
    }
  } finally {
    if (end.status !== "ok") relay.response.abort();
    // Not awaited: the stream's own end must not wait for the upstream body's clean-up (a tick or more).
    void relay.reads.return(undefined).catch(() => undefined);
    relay.onEnd(end);
  }
}
