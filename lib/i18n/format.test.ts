import { describe, expect, it } from "vitest";
import { groupThousands } from "./format";

describe("groupThousands", () => {
  it("writes numbers as en-US and zh-CN do", () => {
    for (const n of [0, 7, 999, 1000, 4000, 12345, 999999, 1234567, -1, -4000, -1234567]) {
      expect(groupThousands(n)).toBe(n.toLocaleString("en-US"));
      expect(groupThousands(n)).toBe(n.toLocaleString("zh-CN"));
    }
  });
});
