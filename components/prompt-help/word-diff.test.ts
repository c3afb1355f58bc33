import { describe, expect, it } from "vitest";
import { wordDiff } from "./word-diff";

describe("wordDiff", () => {
  it("marks added and removed English words, keeping the rest", () => {
    const parts = wordDiff("a red fox", "A red fox, detailed");
    expect(parts.filter((p) => p.kind === "removed").map((p) => p.text.trim())).toContain("a");
    expect(parts.filter((p) => p.kind === "added").map((p) => p.text).join("")).toMatch(/A.*detailed/s);
    expect(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe("A red fox, detailed");
    expect(parts.filter((p) => p.kind !== "added").map((p) => p.text).join("")).toBe("a red fox");
  });

  it("diffs Chinese by words, not as one block", () => {
    const parts = wordDiff("雪地里的红狐狸", "雪地里的红狐狸，细节丰富", "zh");
    expect(parts[0]).toMatchObject({ kind: "same" });
    expect(parts.filter((p) => p.kind === "added").map((p) => p.text).join("")).toBe("，细节丰富");
    expect(parts.some((p) => p.kind === "removed")).toBe(false);
  });
});
