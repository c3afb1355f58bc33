import { describe, expect, it } from "vitest";
import type { SessionInfo } from "@/lib/contract";
import { requestFit } from "./request-fit";

// What the composer says about one request before it is sent:
// its price from the server's quote, what is left, and whether it can fit.

type Limits = SessionInfo["limits"];

const limits = (over: Partial<Limits> = {}): Limits => ({
  daily: 10,
  usedToday: 0,
  maxActive: 8,
  active: 0,
  waiting: 0,
  maxQueued: 20,
  monthlyBudget: null,
  spentThisMonth: 0,
  reservedThisMonth: 0,
  currency: "USD",
  quote: {
    currency: "USD",
    // Every price key (lib/pricing.ts PRICE_KEYS): the price in force, or null for none.
    prices: {
      nano_banana_2: 0.04,
      nano_banana_pro: 0.13,
      "nano_banana_pro-1K": 0.13,
      "nano_banana_pro-2K": 0.13,
      "nano_banana_pro-4K": null,
      "nano_banana_2-1K": null,
      "nano_banana_2-2K": 0.08,
      "nano_banana_2-4K": 0.12,
    },
  },
  resetsAt: { daily: "2026-12-21T00:00:00.000Z", monthlyBudget: null },
  ...over,
});

const ask = (over: Partial<Parameters<typeof requestFit>[1]> = {}) => ({ model: "nano_banana_2" as const, imageSize: "1K" as const, count: 1, ...over });

describe("requestFit: the price", () => {
  it("prices a request with the quote's price for its model and size, times the count", () => {
    expect(requestFit(limits(), ask({ count: 2 })).price).toBe(0.08);
    expect(requestFit(limits(), ask({ imageSize: "4K", count: 3 })).price).toBe(0.36);
  });

  it("changes with the size, as the server's priceOf does", () => {
    const at1K = requestFit(limits(), ask({ imageSize: "1K" })).price;
    const at2K = requestFit(limits(), ask({ imageSize: "2K" })).price;
    expect(at1K).toBe(0.04);
    expect(at2K).toBe(0.08);
  });

  it("a fixed-size model is priced by its own id, whatever size the composer last had", () => {
    const quote = { currency: "USD", prices: { "nano_banana_pro-4K": 0.24, nano_banana_pro: 0.13 } };
    expect(requestFit(limits({ quote }), ask({ model: "nano_banana_pro-4K", imageSize: "1K", count: 2 })).price).toBe(0.48);
    // nano_banana_pro at 4K takes its model-SIZE price, at 2K the model's.
    expect(requestFit(limits({ quote }), ask({ model: "nano_banana_pro", imageSize: "4K" })).price).toBe(0.24);
    expect(requestFit(limits({ quote }), ask({ model: "nano_banana_pro", imageSize: "2K" })).price).toBe(0.13);
  });

  it("adds up to the cent: 3 × 0.1 is 0.3", () => {
    const quote = { currency: "USD", prices: { nano_banana_2: 0.1 } };
    expect(requestFit(limits({ quote }), ask({ count: 3 })).price).toBe(0.3);
  });

  it("an unpriced model has no price (null), not a price of 0; a price of 0 set on purpose is free", () => {
    expect(requestFit(limits(), ask({ model: "nano_banana_pro-4K", imageSize: "4K" })).price).toBeNull();
    expect(requestFit(limits({ quote: { currency: "USD", prices: {} } }), ask()).price).toBeNull();
    expect(requestFit(limits({ quote: { currency: "USD", prices: { nano_banana_2: 0 } } }), ask()).price).toBe(0);
  });
});

describe("requestFit: what is left and whether it fits", () => {
  it("says what is left today, in flight and this month", () => {
    const fit = requestFit(limits({ usedToday: 3, active: 2, monthlyBudget: 1, spentThisMonth: 0.25 }), ask());
    expect(fit).toMatchObject({ leftToday: 7, inFlight: 2, leftThisMonth: 0.75, willWait: 0, refusal: null });
    expect(requestFit(limits(), ask()).leftThisMonth).toBeNull();
  });

  it("a count above what is left today is refused, naming the daily limit", () => {
    expect(requestFit(limits({ usedToday: 9 }), ask({ count: 1 })).refusal).toBeNull();
    expect(requestFit(limits({ usedToday: 9 }), ask({ count: 2 })).refusal).toEqual({ limit: "daily", left: 1 });
    expect(requestFit(limits({ usedToday: 12 }), ask()).refusal).toEqual({ limit: "daily", left: 0 });
  });

  it("a cost above the budget left this month is refused; spending it exactly fits", () => {
    const budget = { monthlyBudget: 0.2, spentThisMonth: 0.12 };
    expect(requestFit(limits(budget), ask({ count: 2 })).refusal).toBeNull();
    expect(requestFit(limits(budget), ask({ count: 3 })).refusal).toEqual({ limit: "monthlyBudget", left: 0.08, cost: 0.12 });
  });

  it("the price of pictures waiting for a slot is reserved: it counts against the month as the server's check does", () => {
    const queued = limits({ monthlyBudget: 0.2, spentThisMonth: 0.08, reservedThisMonth: 0.08 });
    expect(requestFit(queued, ask()).leftThisMonth).toBe(0.04);
    expect(requestFit(queued, ask()).refusal).toBeNull();
    expect(requestFit(queued, ask({ count: 2 })).refusal).toEqual({ limit: "monthlyBudget", left: 0.04, cost: 0.08 });
  });

  it("an unpriced model is refused while a budget applies (the server refuses it), and fine without one", () => {
    const pro4K = ask({ model: "nano_banana_pro-4K", imageSize: "4K" });
    expect(requestFit(limits({ monthlyBudget: 5 }), pro4K).refusal).toEqual({ limit: "unpriced" });
    expect(requestFit(limits(), pro4K).refusal).toBeNull();
  });

  it("past the in-flight cap the pictures wait instead of being refused", () => {
    const fit = requestFit(limits({ active: 6 }), ask({ count: 4 }));
    expect(fit).toMatchObject({ inFlight: 6, willWait: 2, refusal: null });
    // Behind pictures already waiting, all of a new request waits.
    expect(requestFit(limits({ active: 8, waiting: 3 }), ask({ count: 2 })).willWait).toBe(2);
  });

  it("is refused only when the queue would overflow", () => {
    expect(requestFit(limits({ active: 8, waiting: 18 }), ask({ count: 2 })).refusal).toBeNull();
    expect(requestFit(limits({ active: 8, waiting: 19 }), ask({ count: 2 })).refusal).toEqual({ limit: "queue", room: 1 });
    // No queue at all (maxQueued 0): past the cap is refused, as before.
    expect(requestFit(limits({ active: 7, maxQueued: 0 }), ask({ count: 2 })).refusal).toEqual({ limit: "queue", room: 0 });
  });

  it("checks the limits in the server's order: the price first, then today, the queue, the budget", () => {
    const all = limits({ usedToday: 10, monthlyBudget: 0.01, spentThisMonth: 0.01, active: 8, waiting: 20 });
    expect(requestFit(all, ask({ model: "nano_banana_pro-4K", imageSize: "4K" })).refusal?.limit).toBe("unpriced");
    expect(requestFit(all, ask()).refusal?.limit).toBe("daily");
    expect(requestFit({ ...all, usedToday: 0 }, ask()).refusal?.limit).toBe("queue");
    expect(requestFit({ ...all, usedToday: 0, waiting: 0 }, ask()).refusal?.limit).toBe("monthlyBudget");
  });
});
