// The node:http mount's writer: a streamed body's first chunk is on the wire before the body's
// next chunk is worked out (node:http itself holds a response's first write until the next tick).
import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { sendResponse } from "./node";

let server: http.Server | null = null;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** Serve one streamed response whose body runs `afterFirst` (given the socket) when asked for its second chunk. */
async function serveStream(afterFirst: (socket: import("node:net").Socket) => void): Promise<string> {
  server = http.createServer((_req, res) => {
    async function* body(): AsyncGenerator<Uint8Array> {
      yield Buffer.from("data: first\n\n");
      afterFirst(res.socket!);
      yield Buffer.from("data: second\n\n");
    }
    void sendResponse(res, { status: 200, headers: { "content-type": "text/event-stream" }, body: body() }, new AbortController().signal);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const res = await fetch(`http://127.0.0.1:${port}/`);
  return res.text();
}

describe("sendResponse", () => {
  it("hands a stream's first chunk to the kernel before asking the body for the next", async () => {
    let pending = -1;
    let corked = -1;
    const text = await serveStream((socket) => {
      pending = socket.writableLength;
      corked = socket.writableCorked;
    });
    expect(text).toBe("data: first\n\ndata: second\n\n");
    expect(corked).toBe(0);
    expect(pending).toBe(0);
  });
});
