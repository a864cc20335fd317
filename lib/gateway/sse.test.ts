import { describe, expect, it } from "vitest";
import { joinEvents, sseReads } from "./sse";

const encoder = new TextEncoder();

async function frames(parts: Uint8Array[]): Promise<{ data: string; raw: string | null }[]> {
  const body = (async function* () {
    for (const p of parts) yield p;
  })();
  const out: { data: string; raw: string | null }[] = [];
  for await (const read of sseReads(body)) for (const f of read) out.push({ data: f.data.toString("utf8"), raw: f.raw && f.raw.toString("utf8") });
  return out;
}

describe("sseReads", () => {
  it("yields each event's data and its own bytes, whatever the byte boundaries; comments are dropped", async () => {
    const wire = encoder.encode('data: {"a":1}\n\ndata: {"b":"x y 你好"}\n\n: keep-alive comment\n\ndata: [DONE]\n\n');
    for (let cut = 1; cut < wire.length; cut++) {
      expect(await frames([wire.slice(0, cut), wire.slice(cut)])).toEqual([
        { data: '{"a":1}', raw: 'data: {"a":1}\n\n' },
        { data: '{"b":"x y 你好"}', raw: 'data: {"b":"x y 你好"}\n\n' },
        { data: "[DONE]", raw: "data: [DONE]\n\n" },
      ]);
    }
  });

  it("handles CRLF line ends (also split between chunks), multi-line data, a missing space and a multi-byte character split across chunks", async () => {
    const bytes = encoder.encode("data:你好\r\ndata: second\r\n\r\ndata: next\r\n\r\n");
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await frames([bytes.slice(0, cut), bytes.slice(cut)])).toEqual([
        { data: "你好\nsecond", raw: null },
        { data: "next", raw: "data: next\n\n" },
      ]);
    }
  });

  it("yields a final event that lacks its blank line, to be re-framed", async () => {
    expect(await frames([encoder.encode("data: last")])).toEqual([{ data: "last", raw: null }]);
    expect(await frames([encoder.encode("data: last\r")])).toEqual([{ data: "last", raw: null }]);
  });

  it("keeps only the data of an event with other fields", async () => {
    expect(await frames([encoder.encode("event: x\nid: 7\ndata: {}\n\n")])).toEqual([{ data: "{}", raw: null }]);
  });

  it("yields the events a read completed together, and nothing for a read that completes none", async () => {
    const body = (async function* () {
      yield encoder.encode('data: {"a":1}\n\ndata: {"b":2}\n\ndata: {"c"');
      yield encoder.encode(":3}");
      yield encoder.encode("\n\n");
    })();
    const reads: string[][] = [];
    for await (const read of sseReads(body)) reads.push(read.map((f) => f.data.toString("utf8")));
    expect(reads).toEqual([['{"a":1}', '{"b":2}'], ['{"c":3}']]);
  });
});

describe("joinEvents", () => {
  it("joins events that lie side by side in one buffer without copying, and copies the rest", () => {
    const read = Buffer.from("data: 1\n\ndata: 2\n\ndata: 3\n\n");
    const [a, b, c] = [read.subarray(0, 9), read.subarray(9, 18), read.subarray(18)];
    const joined = joinEvents([a, b, c]);
    expect(joined.buffer).toBe(read.buffer);
    expect([joined.byteOffset, joined.byteLength]).toEqual([read.byteOffset, read.byteLength]);
    const rewritten = Buffer.from("data: 2'\n\n");
    expect(Buffer.from(joinEvents([a, rewritten, c])).toString()).toBe("data: 1\n\ndata: 2'\n\ndata: 3\n\n");
  });
});
