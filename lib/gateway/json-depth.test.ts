import { describe, expect, it } from "vitest";
import { nestsDeeperThan } from "./json-depth";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("nestsDeeperThan", () => {
  it("counts arrays and objects, not brackets inside strings", () => {
    expect(nestsDeeperThan(bytes('{"a":[{"b":[1]}]}'), 4)).toBe(false);
    expect(nestsDeeperThan(bytes('{"a":[{"b":[1]}]}'), 3)).toBe(true);
    expect(nestsDeeperThan(bytes(`{"a":"${"[".repeat(500)}"}`), 2)).toBe(false);
    expect(nestsDeeperThan(bytes(`{"a":"\\"${"{".repeat(500)}"}`), 2)).toBe(false);
  });

  it("finds 5,000 levels at once", () => {
    expect(nestsDeeperThan(bytes(`{"tools":${"[".repeat(5000)}${"]".repeat(5000)}}`), 64)).toBe(true);
  });
});
