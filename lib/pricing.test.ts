import { describe, expect, it } from "vitest";
import { parsePrices, priceOf, PRICE_KEYS } from "./pricing";

describe("prices", () => {
  it("parses model and model-SIZE prices and prefers the most specific", () => {
    const prices = parsePrices(" nano_banana_2=0.04, nano_banana_2-4K=0.12 ,nano_banana_pro-4K=0.24");
    expect(priceOf(prices, "nano_banana_2", "1K")).toBe(0.04);
    expect(priceOf(prices, "nano_banana_2", "4K")).toBe(0.12);
    expect(priceOf(prices, "nano_banana_pro-4K", "4K")).toBe(0.24);
    expect(priceOf(prices, "nano_banana_pro", null)).toBe(0);
    expect(parsePrices("")).toEqual({});
  });

  it("refuses an unknown model or a price that is not a number, naming it", () => {
    expect(() => parsePrices("dall-e-3=0.04")).toThrow(/"dall-e-3" is not a model/);
    expect(() => parsePrices("nano_banana_2=cheap")).toThrow(/"nano_banana_2=cheap" is not model=price/);
    expect(() => parsePrices("nano_banana_2=-1")).toThrow(/not model=price/);
    expect(PRICE_KEYS).toContain("nano_banana_pro-2K");
    expect(PRICE_KEYS).not.toContain("nano_banana_pro-4K-4K");
  });
});
