import { describe, expect, it } from "vitest";
import { addToHistory, parseHistory, PROMPT_HISTORY_LIMIT } from "./prompt-history";

describe("addToHistory", () => {
  it("puts the newest prompt first, trimmed", () => {
    expect(addToHistory(["older"], "  a lighthouse at dusk \n")).toEqual(["a lighthouse at dusk", "older"]);
  });
  it("moves a repeated prompt to the top instead of keeping two", () => {
    expect(addToHistory(["b", "a", "c"], "a")).toEqual(["a", "b", "c"]);
  });
  it("keeps the last 50", () => {
    const full = Array.from({ length: PROMPT_HISTORY_LIMIT }, (_, i) => `p${i}`);
    const next = addToHistory(full, "new");
    expect(next).toHaveLength(PROMPT_HISTORY_LIMIT);
    expect(next[0]).toBe("new");
    expect(next).not.toContain(`p${PROMPT_HISTORY_LIMIT - 1}`);
  });
  it("ignores blank prompts", () => {
    expect(addToHistory(["a"], "   ")).toEqual(["a"]);
  });
});

describe("parseHistory", () => {
  it("reads what was stored", () => {
    expect(parseHistory(JSON.stringify(["美丽的日出", "a cat"]))).toEqual(["美丽的日出", "a cat"]);
  });
  it("tolerates junk", () => {
    expect(parseHistory(null)).toEqual([]);
    expect(parseHistory("{not json")).toEqual([]);
    expect(parseHistory(JSON.stringify({ a: 1 }))).toEqual([]);
    expect(parseHistory(JSON.stringify(["a", 3, null, " a ", ""]))).toEqual(["a"]);
  });
});
