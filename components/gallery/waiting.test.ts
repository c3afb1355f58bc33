import { describe, expect, it } from "vitest";
import { gallery as en } from "@/lib/i18n/en/gallery";
import { gallery as zh } from "@/lib/i18n/zh/gallery";
import { waitingLabel } from "./waiting";

describe("waitingLabel", () => {
  it("says how many pictures go before this one, and 'next' for the first", () => {
    expect(waitingLabel(1, en.card)).toBe("Waiting · next");
    expect(waitingLabel(2, en.card)).toBe("Waiting · 1 ahead of you");
    expect(waitingLabel(4, en.card)).toBe("Waiting · 3 ahead of you");
    expect(waitingLabel(4, zh.card)).toBe("排队中 · 前面还有 3 张");
    expect(waitingLabel(1, zh.card)).toBe("排队中 · 下一张就是它");
  });

  it("an unknown place says only that it waits next", () => {
    expect(waitingLabel(null, en.card)).toBe("Waiting · next");
  });
});
