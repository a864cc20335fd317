import { describe, expect, it } from "vitest";
import { applyChunk, EMPTY_ANSWER } from "./answer";

describe("the playground's streamed answer", () => {
  it("keeps reasoning apart from the answer and takes usage from the last chunk", () => {
    // Chunks as deepseek-reasoner streams them: reasoning_content first, then content, then usage.
    const chunks = [
      { choices: [{ index: 0, delta: { role: "assistant", content: null, reasoning_content: "Let me " } }] },
      { choices: [{ index: 0, delta: { content: null, reasoning_content: "think." } }] },
      { choices: [{ index: 0, delta: { content: "Hello", reasoning_content: null } }] },
      { choices: [{ index: 0, delta: { content: "!" } }] },
      { choices: [], usage: { prompt_tokens: 5, completion_tokens: 9 } },
    ];
    const answer = chunks.reduce(applyChunk, EMPTY_ANSWER);
    expect(answer).toEqual({ content: "Hello!", reasoning: "Let me think.", usage: { prompt_tokens: 5, completion_tokens: 9 } });
  });

  it("turns an error event into an error", () => {
    expect(() => applyChunk(EMPTY_ANSWER, { error: { message: "upstream failed" } })).toThrow("upstream failed");
  });
});
