import { describe, expect, it } from "vitest";
import { defaultRange, failureRate, fillDays, modelsIn, validRange } from "./usage-range";

const row = (key: string, pictures: number, failed: number, byModel: Record<string, number> = {}) => ({ key, pictures, failed, failedCharged: 0, inFlight: 0, cost: pictures * 0.04, byModel });

describe("usage range", () => {
  it("defaults to the last 30 days, today included", () => {
    expect(defaultRange(Date.parse("2026-11-29T23:59:00Z"))).toEqual({ from: "2026-10-31", to: "2026-11-29" });
  });

  it("checks both ends and their order", () => {
    expect(validRange({ from: "2026-11-01", to: "2026-11-01" })).toBe(true);
    expect(validRange({ from: "2026-11-02", to: "2026-11-01" })).toBe(false);
    expect(validRange({ from: "", to: "2026-11-01" })).toBe(false);
    expect(validRange({ from: "2026-13-45", to: "2026-14-01" })).toBe(false);
  });

  it("gives every day of the range a row, across a month's end, with the models stacked", () => {
    const days = fillDays([row("2026-11-30", 3, 1, { nano_banana_2: 2, "nano_banana_pro-4K": 1 })], { from: "2026-11-29", to: "2026-12-01" });
    expect(days.map((d) => d.day)).toEqual(["2026-11-29", "2026-11-30", "2026-12-01"]);
    expect(days[0]).toMatchObject({ pictures: 0, failed: 0, failureRate: null });
    expect(days[1]).toMatchObject({ pictures: 3, failed: 1, failureRate: 0.25, nano_banana_2: 2, "nano_banana_pro-4K": 1 });
  });

  it("caps a very long range", () => {
    expect(fillDays([], { from: "2020-01-01", to: "2026-01-01" }, 10)).toHaveLength(10);
  });

  it("failure rate is failed over tried, none when nothing was tried", () => {
    expect(failureRate({ pictures: 0, failed: 0 })).toBeNull();
    expect(failureRate({ pictures: 0, failed: 2 })).toBe(1);
  });

  it("orders models by pictures", () => {
    expect(modelsIn([row("a", 1, 0, { b: 1 }), row("b", 5, 0, { a: 4, b: 1 })])).toEqual(["a", "b"]);
  });
});
