// Server-sent events: split an upstream byte stream into `data:` payloads as they
// arrive, and frame payloads for the client. Nothing is buffered past one event.

const decoderOptions = { stream: true } as const;
const encoder = new TextEncoder();

/** The `data:` payload of each event in an SSE byte stream, yielded as soon as the event is complete. */
export async function* sseData(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const bytes of body) {
    buffer += decoder.decode(bytes, decoderOptions);
    if (buffer.includes("\r")) buffer = buffer.replace(/\r\n?/g, "\n");
    let end: number;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      const data = eventData(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (data !== null) yield data;
    }
  }
  const tail = eventData(buffer + decoder.decode());
  if (tail !== null) yield tail;
}

function eventData(event: string): string | null {
  let data: string | null = null;
  for (const line of event.split("\n")) {
    if (!line.startsWith("data:")) continue;
    const value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
    data = data === null ? value : `${data}\n${value}`;
  }
  return data;
}

/** One SSE event carrying `payload`, as bytes. */
export function sseEvent(payload: string): Uint8Array {
  return encoder.encode(`data: ${payload}\n\n`);
}

export const SSE_DONE = sseEvent("[DONE]");
