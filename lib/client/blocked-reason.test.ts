import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/en";
import { zh } from "@/lib/i18n/zh";
import { blockedReason } from "./blocked-reason";
import type { SessionLimits } from "./request-fit";

// Why Generate is off, said under it, with when the limit resets (item 2).

const NOW = Date.parse("2026-12-20T19:00:00.000Z");
const limits: SessionLimits = {
  daily: 3,
  usedToday: 3,
  maxActive: 8,
  active: 0,
  waiting: 0,
  maxQueued: 20,
  monthlyBudget: 1,
  spentThisMonth: 0.96,
  reservedThisMonth: 0,
  currency: "USD",
  quote: { currency: "USD", prices: { nano_banana_2: 0.04 } },
  resetsAt: { daily: "2026-12-21T00:00:00.000Z", monthlyBudget: "2027-01-01T00:00:00.000Z" },
};
const base = { limits, model: "nano_banana_2" as const, imageSize: "1K" as const, now: NOW };

describe("blockedReason", () => {
  it("the daily limit: none left, or fewer than asked, and when it resets", () => {
    expect(blockedReason({ ...base, refusal: { limit: "daily", left: 0 }, locale: "en", t: en })).toBe("No pictures left today. It resets at midnight UTC (in 5 h).");
    expect(blockedReason({ ...base, refusal: { limit: "daily", left: 2 }, locale: "en", t: en })).toBe(
      "Only 2 left today: ask for fewer, or wait until it resets at midnight UTC (in 5 h).",
    );
    expect(blockedReason({ ...base, refusal: { limit: "daily", left: 0 }, locale: "zh", t: zh })).toBe("今日额度已用完，将于UTC 午夜（5 小时后）重置。");
  });

  it("the budget: what it costs, what is left, and the day it resets", () => {
    expect(blockedReason({ ...base, refusal: { limit: "monthlyBudget", left: 0.04, cost: 0.08 }, locale: "en", t: en })).toBe(
      "This costs $0.08 and $0.04 of your monthly budget is left. It resets on 1 January.",
    );
    expect(blockedReason({ ...base, refusal: { limit: "monthlyBudget", left: 0.04, cost: 0.08 }, locale: "zh", t: zh })).toMatch(/^这次需要 .*0\.08，本月预算只剩 .*0\.04，将于1月1日重置。$/);
  });

  it("an unpriced model names the model (and the size where one is picked)", () => {
    expect(blockedReason({ ...base, model: "nano_banana_pro", imageSize: "4K", refusal: { limit: "unpriced" }, locale: "en", t: en })).toMatch(/^Nano Banana Pro 4K has no price/);
    expect(blockedReason({ ...base, model: "nano_banana_pro-2K", imageSize: "2K", refusal: { limit: "unpriced" }, locale: "en", t: en })).toMatch(/^Nano Banana Pro 2K has no price/);
  });

  it("the queue: how many more may wait", () => {
    expect(blockedReason({ ...base, refusal: { limit: "queue", room: 3 }, locale: "en", t: en })).toBe("Only 3 more may wait for a slot: ask for fewer, or wait for some to finish.");
    expect(blockedReason({ ...base, refusal: { limit: "queue", room: 0 }, locale: "en", t: en })).toMatch(/^20 pictures are already waiting/);
  });
});
