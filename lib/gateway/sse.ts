// Server-sent events: split an upstream byte stream into events as they arrive (as bytes,
// without decoding), and frame payloads for the client. Nothing is buffered past one event.

const encoder = new TextEncoder();

/** An upstream event with data: its payload's bytes (data lines joined by \n), and the event's own bytes when they may be forwarded as they are (one data line, nothing else). */
export type SseFrame = { data: Buffer; raw: Buffer | null };

const LF = 0x0a;
const CR = 0x0d;
const BLANK_LINE = Buffer.from("\n\n");

/** CR LF and lone CR as LF (a CR at the very end is kept: its LF may be in the next chunk). */
function toLf(bytes: Buffer): Buffer {
  if (!bytes.includes(CR)) return bytes;
  const out = Buffer.allocUnsafe(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== CR) out[n++] = b;
    else if (i === bytes.length - 1) out[n++] = CR;
    else if (bytes[i + 1] !== LF) out[n++] = LF;
  }
  return out.subarray(0, n);
}

/** Whether bytes[start, end) is a line starting with "data:". */
function isDataLine(bytes: Buffer, start: number, end: number): boolean {
  return end - start >= 5 && bytes[start] === 0x64 && bytes[start + 1] === 0x61 && bytes[start + 2] === 0x74 && bytes[start + 3] === 0x61 && bytes[start + 4] === 0x3a;
}

/** Where the value of the "data:" line at `start` begins: after the colon and one optional space. */
function valueStart(bytes: Buffer, start: number): number {
  return start + (bytes[start + 5] === 32 ? 6 : 5);
}

/** The data of an event of any shape (its data lines' values joined by \n); null when it carries none (a comment, a keep-alive). */
function eventData(event: Buffer): Buffer | null {
  const lines: Buffer[] = [];
  for (let start = 0; start <= event.length;) {
    let end = event.indexOf(LF, start);
    if (end === -1) end = event.length;
    if (isDataLine(event, start, end)) lines.push(event.subarray(valueStart(event, start), end));
    start = end + 1;
  }
  if (!lines.length) return null;
  const joined: Buffer[] = [];
  for (const [i, line] of lines.entries()) joined.push(...(i ? [Buffer.from([LF]), line] : [line]));
  return Buffer.concat(joined);
}

/**
 * The events of an SSE byte stream that carry data, split at blank lines without decoding
 * them: per network read, the events it completed, together (a read that completes none
 * yields nothing). A relay that changes nothing forwards each event's `raw` as it came.
 */
export async function* sseReads(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseFrame[]> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of body) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    pending = toLf(pending.length ? Buffer.concat([pending, bytes]) : bytes);
    const frames: SseFrame[] = [];
    let start = 0;
    for (;;) {
      const lf = pending.indexOf(LF, start);
      if (lf === -1 || lf + 1 >= pending.length) break;
      // One line then a blank one (nearly every event): its end is that line's. Otherwise look for the blank line.
      const end = pending[lf + 1] === LF ? lf : pending.indexOf(BLANK_LINE, lf);
      if (end === -1) break;
      if (end === lf && isDataLine(pending, start, end)) {
        frames.push({ data: pending.subarray(valueStart(pending, start), end), raw: pending.subarray(start, end + 2) });
      } else {
        const data = eventData(pending.subarray(start, end));
        if (data) frames.push({ data, raw: null });
      }
      start = end + 2;
    }
    pending = start ? pending.subarray(start) : pending;
    if (frames.length) yield frames;
  }
  const tail = pending.length ? eventData(toLf(Buffer.concat([pending, Buffer.from([LF])])).subarray(0, -1)) : null;
  if (tail) yield [{ data: tail, raw: null }];
}

/** Events as one chunk: neighbours that lie next to each other in memory (an upstream read's own bytes) are joined without copying. */
export function joinEvents(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const runs: Uint8Array[] = [];
  let first = parts[0]!;
  let length = first.byteLength;
  const close = () => runs.push(length === first.byteLength ? first : Buffer.from(first.buffer, first.byteOffset, length));
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.buffer === first.buffer && part.byteOffset === first.byteOffset + length) {
      length += part.byteLength;
    } else {
      close();
      first = part;
      length = part.byteLength;
    }
  }
  close();
  return runs.length === 1 ? runs[0]! : Buffer.concat(runs);
}

/** One SSE event carrying `payload`, as bytes. */
export function sseEvent(payload: string): Uint8Array {
  return encoder.encode(`data: ${payload}\n\n`);
}

export const SSE_DONE = sseEvent("[DONE]");
