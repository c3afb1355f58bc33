import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/en";
import { zh } from "@/lib/i18n/zh";
import { ApiError } from "./api";
import { limitRefusalTitle, resetWhen } from "./reset-wording";

// A refusal says when the limit resets, in the person's
// language: "on 1 January" for a monthly budget (not "in 598 h"), "at
// midnight UTC (in 5 h)" for the daily limit, "in 10 s" only where that is true.

const NOW = Date.parse("2026-12-20T19:00:00.000Z");
const NEXT_DAY = "2026-12-21T00:00:00.000Z";
const NEXT_MONTH = "2027-01-01T00:00:00.000Z";

describe("resetWhen", () => {
  it("a monthly budget resets on a date: 1 January, 1月1日", () => {
    expect(resetWhen({ limit: "monthlyBudget", resetsAt: NEXT_MONTH, now: NOW, locale: "en", t: en })).toBe("on 1 January");
    expect(resetWhen({ limit: "monthlyBudget", resetsAt: NEXT_MONTH, now: NOW, locale: "zh", t: zh })).toBe("1月1日");
    expect(resetWhen({ limit: "monthlyBudget", resetsAt: "2026-03-01T00:00:00.000Z", now: NOW, locale: "en", t: en })).toBe("on 1 March");
  });

  it("the daily limit resets at midnight UTC, with how long that is", () => {
    expect(resetWhen({ limit: "daily", resetsAt: NEXT_DAY, now: NOW, locale: "en", t: en })).toBe("at midnight UTC (in 5 h)");
    expect(resetWhen({ limit: "daily", resetsAt: NEXT_DAY, now: NOW, locale: "zh", t: zh })).toBe("UTC 午夜（5 小时后）");
    expect(resetWhen({ limit: "daily", resetsAt: NEXT_DAY, now: Date.parse(NEXT_DAY) - 40 * 60_000, locale: "en", t: en })).toBe("at midnight UTC (in 40 min)");
  });
});

const refusal = (input: { code: "quota_exceeded" | "rate_limited"; retryAfter?: number; limit?: string; resetsAt?: string }) =>
  new ApiError(429, input.code, "the studio's words", [], input.retryAfter, { limit: input.limit, resetsAt: input.resetsAt });

describe("limitRefusalTitle", () => {
  it("a monthly budget refusal names the day it resets, never hundreds of hours", () => {
    const error = refusal({ code: "quota_exceeded", retryAfter: 598 * 3600, limit: "monthlyBudget", resetsAt: NEXT_MONTH });
    const title = limitRefusalTitle({ error, now: NOW, locale: "en", t: en });
    expect(title).toBe("Your monthly budget is used up. It resets on 1 January.");
    expect(title).not.toMatch(/598|h\b/);
    expect(limitRefusalTitle({ error, now: NOW, locale: "zh", t: zh })).toBe("本月预算已用完，将于1月1日重置。");
  });

  it("a daily limit refusal says midnight UTC and how long until then", () => {
    const error = refusal({ code: "quota_exceeded", retryAfter: 5 * 3600, limit: "daily", resetsAt: NEXT_DAY });
    expect(limitRefusalTitle({ error, now: NOW, locale: "en", t: en })).toBe("Your daily limit is used up. It resets at midnight UTC (in 5 h).");
    expect(limitRefusalTitle({ error, now: NOW, locale: "zh", t: zh })).toBe("今日额度已用完，将于UTC 午夜（5 小时后）重置。");
  });

  it("in flight, where waiting a few seconds is true, it still says so", () => {
    const error = refusal({ code: "rate_limited", retryAfter: 10, limit: "maxActive" });
    expect(limitRefusalTitle({ error, now: NOW, locale: "en", t: en })).toBe("Too many requests at once. Try again in 10 s.");
  });

  it("another quota without a reset time (an older server) keeps the Retry-After wording", () => {
    const error = refusal({ code: "quota_exceeded", retryAfter: 120 });
    expect(limitRefusalTitle({ error, now: NOW, locale: "en", t: en })).toBe("You have used up your quota for now. Try again in 2 min.");
  });
});
