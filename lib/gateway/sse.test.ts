import { describe, expect, it } from "vitest";
import { sseData } from "./sse";

async function collect(parts: string[]): Promise<string[]> {
  const encoder = new TextEncoder();
  const body = (async function* () {
    for (const p of parts) yield encoder.encode(p);
  })();
  const out: string[] = [];
  for await (const data of sseData(body)) out.push(data);
  return out;
}

describe("sseData", () => {
  it("yields each event's data, whatever the byte boundaries", async () => {
    const wire = 'data: {"a":1}\n\ndata: {"b":"x y"}\n\n: keep-alive comment\n\ndata: [DONE]\n\n';
    for (let cut = 1; cut < wire.length; cut++) {
      expect(await collect([wire.slice(0, cut), wire.slice(cut)])).toEqual(['{"a":1}', '{"b":"x y"}', "[DONE]"]);
    }
  });

  it("handles CRLF line ends, multi-line data, a missing space and a multi-byte character split across chunks", async () => {
    const bytes = new TextEncoder().encode("data:你好\r\ndata: second\r\n\r\n");
    const body = (async function* () {
      yield bytes.slice(0, 7);
      yield bytes.slice(7);
    })();
    const out: string[] = [];
    for await (const data of sseData(body)) out.push(data);
    expect(out).toEqual(["你好\nsecond"]);
  });

  it("yields a final event that lacks its blank line", async () => {
    expect(await collect(["data: last"])).toEqual(["last"]);
  });
});
