import { describe, expect, it } from "vitest";
import { scanRead } from "./read-scan";

const chunk = (fields: Record<string, unknown>) =>
  `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: "deepseek-chat", ...fields })}\n\n`;
const delta = (d: Record<string, unknown>, finish: string | null = null) => ({ choices: [{ index: 0, delta: d, logprobs: null, finish_reason: finish }] });
/** Events as the relay scans them: UTF-8 bytes read as latin1. */
const latin1 = (text: string) => Buffer.from(text, "utf8").toString("latin1");

describe("scanRead", () => {
  it("passes chunks that need no change and collects what they generated (content, reasoning, tool arguments)", () => {
    const text = latin1(chunk(delta({ content: "Hel" })) + chunk(delta({ reasoning_content: "think" })) + chunk(delta({ tool_calls: [{ index: 0, function: { arguments: '{\\"a\\":1}' } }] })));
    const scan = scanRead(text, "deepseek-chat", 3);
    expect(scan.asIs).toBe(true);
    expect(scan.generated).toBe(latin1('Helthink{\\\\\\"a\\\\\\":1}'));
  });

  it("keeps multi-byte characters as their bytes", () => {
    const scan = scanRead(latin1(chunk(delta({ content: "你好" }))), "deepseek-chat", 1);
    expect(Buffer.from(scan.generated, "latin1").toString("utf8")).toBe("你好");
  });

  it("does not mistake markers inside generated text or other strings for fields", () => {
    const tricky = 'say "usage" and [DONE] and "model":"other" "finish_reason"';
    const text = latin1(chunk({ ...delta({ content: tricky }), system_fingerprint: 'fp "usage"' }));
    const scan = scanRead(text, "deepseek-chat", 1);
    expect(scan.asIs).toBe(true);
    expect(JSON.parse(`"${scan.generated}"`)).toBe(tricky);
  });

  it("refuses a read where one chunk lacks finish_reason, names another model, or is not a chunk object", () => {
    const ok = chunk(delta({ content: "a" }));
    const noFinish = `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: "deepseek-chat", choices: [{ index: 0, delta: { content: "b" } }] })}\n\n`;
    expect(scanRead(latin1(ok + noFinish), "deepseek-chat", 2).asIs).toBe(false);
    expect(scanRead(latin1(ok + chunk({ ...delta({ content: "b" }), model: "deepseek-v3" })), "deepseek-chat", 2).asIs).toBe(false);
    expect(scanRead(latin1(ok + chunk({ ...delta({ content: "b" }), object: "chat.completion" })), "deepseek-chat", 2).asIs).toBe(false);
    expect(scanRead(latin1(ok), "deepseek-chat", 2).asIs).toBe(false);
  });

  it("refuses what ends or changes a stream: usage, a null system_fingerprint, [DONE]", () => {
    const ok = chunk(delta({ content: "a" }, "stop"));
    expect(scanRead(latin1(ok + chunk({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } })), "deepseek-chat", 2).asIs).toBe(false);
    expect(scanRead(latin1(chunk({ ...delta({ content: "a" }), system_fingerprint: null })), "deepseek-chat", 1).asIs).toBe(false);
    expect(scanRead(latin1(`${ok}data: [DONE]\n\n`), "deepseek-chat", 1).asIs).toBe(false);
  });

  it("matches a model id with characters that mean something in a pattern literally", () => {
    const text = latin1(chunk({ ...delta({ content: "a" }), model: "qwen2.5-72b+x" }));
    expect(scanRead(text, "qwen2.5-72b+x", 1).asIs).toBe(true);
    expect(scanRead(text.replace("qwen2.5", "qwen2x5"), "qwen2.5-72b+x", 1).asIs).toBe(false);
  });
});
