import { describe, expect, it } from "vitest";
import { blankValue, readBlanks, withBlank } from "./template-blanks";

describe("readBlanks", () => {
  it("lists the blanks in order, each once, and names the first one still empty", () => {
    const blanks = readBlanks("{product} on {surface}, a {product} again", { product: "a mug" });
    expect(blanks.names).toEqual(["product", "surface"]);
    expect(blanks.firstEmpty).toBe("surface");
    expect(blanks.filled).toBe("a mug on {surface}, a a mug again");
  });

  it("counts a blank of spaces as empty and sends filled words trimmed", () => {
    expect(readBlanks("{a} and {b}", { a: "   ", b: " red " })).toEqual({ names: ["a", "b"], firstEmpty: "a", filled: "{a} and red" });
  });

  it("is complete when every blank has words", () => {
    const blanks = readBlanks("一只{动物}在{地方}", { 动物: "猫", 地方: "屋顶" });
    expect(blanks.firstEmpty).toBeNull();
    expect(blanks.filled).toBe("一只猫在屋顶");
  });

  it("has no blanks for a plain prompt", () => {
    expect(readBlanks("a plain prompt", {})).toEqual({ names: [], firstEmpty: null, filled: "a plain prompt" });
  });

  it("reads a blank named like an Object property as empty until it is filled", () => {
    expect(readBlanks("{constructor} {__proto__}", {}).firstEmpty).toBe("constructor");
    const values = withBlank(withBlank({}, "constructor", "x"), "__proto__", "y");
    expect(readBlanks("{constructor} {__proto__}", values)).toEqual({ names: ["constructor", "__proto__"], firstEmpty: null, filled: "x y" });
  });
});

describe("withBlank", () => {
  it("changes one blank and leaves the original values as they were", () => {
    const before = { a: "1" };
    const after = withBlank(before, "b", "2");
    expect(after).toEqual({ a: "1", b: "2" });
    expect(before).toEqual({ a: "1" });
    expect(blankValue(after, "b")).toBe("2");
  });
});
