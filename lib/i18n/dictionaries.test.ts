import { describe, expect, it } from "vitest";
import { en } from "./en";
import { zh } from "./zh";

// Every string exists in both languages with the same {placeholders}.
function leaves(value: unknown, path: string[] = []): [string, string][] {
  if (typeof value === "string") return [[path.join("."), value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => leaves(inner, [...path, key]));
}
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("dictionaries", () => {
  it("have the same keys and placeholders in English and Chinese", () => {
    const zhLeaves = new Map(leaves(zh));
    for (const [key, text] of leaves(en)) {
      expect(zhLeaves.has(key), key).toBe(true);
      expect(placeholders(zhLeaves.get(key)!), key).toEqual(placeholders(text));
    }
    expect(zhLeaves.size).toBe(leaves(en).length);
  });
});
