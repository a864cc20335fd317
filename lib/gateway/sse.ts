// Server-sent events: split an upstream byte stream into events as they arrive (as bytes,
// without decoding), and frame payloads for the client. Nothing is buffered past one event.

const encoder = new TextEncoder();

/** An upstream event with data: its payload's bytes (data lines joined by \n), and the event's own bytes when they may be forwarded as they are (one data line, nothing else). */
export type SseFrame = { data: Buffer; raw: Buffer | null };

const LF = 0x0a;
const CR = 0x0d;
const BLANK_LINE = Buffer.from("\n\n");
const DATA = Buffer.from("data:");

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

/** The data of one event (its bytes without the blank line after it); null when it carries none (a comment, a keep-alive). */
function frameOf(event: Buffer, withBlankLine: Buffer): SseFrame | null {
  if (event.subarray(0, 5).equals(DATA) && !event.includes(LF)) {
    return { data: event.subarray(event[5] === 32 ? 6 : 5), raw: withBlankLine };
  }
  const lines: Buffer[] = [];
  let start = 0;
  while (start <= event.length) {
    let end = event.indexOf(LF, start);
    if (end === -1) end = event.length;
    const line = event.subarray(start, end);
    if (line.subarray(0, 5).equals(DATA)) lines.push(line.subarray(line[5] === 32 ? 6 : 5));
    start = end + 1;
  }
  if (!lines.length) return null;
  const joined: Buffer[] = [];
  for (const [i, line] of lines.entries()) joined.push(...(i ? [Buffer.from([LF]), line] : [line]));
  return { data: Buffer.concat(joined), raw: null };
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
      const frame = end === lf && isDataLine(pending, start, end)
        ? { data: pending.subarray(start + (pending[start + 5] === 32 ? 6 : 5), end), raw: pending.subarray(start, end + 2) }
        : frameOf(pending.subarray(start, end), pending.subarray(start, end + 2));
      start = end + 2;
      if (frame) frames.push(frame);
    }
    pending = start ? pending.subarray(start) : pending;
    if (frames.length) yield frames;
  }
  const tail = pending.length ? frameOf(toLf(Buffer.concat([pending, Buffer.from([LF])])).subarray(0, -1), Buffer.alloc(0)) : null;
  if (tail) yield [{ data: tail.data, raw: null }];
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
