import { describe, expect, it } from "vitest";
import { defaultExpiry, expiryChoices } from "./token-expiry";

describe("the create-token form's expiry choices", () => {
  it("offers the presets up to the admins' maximum, and the maximum itself, never more", () => {
    expect(expiryChoices(365)).toEqual([30, 90, 365]);
    expect(expiryChoices(3650)).toEqual([30, 90, 365, 3650]);
    expect(expiryChoices(60)).toEqual([30, 60]);
    expect(expiryChoices(7)).toEqual([7]);
    expect(defaultExpiry(365)).toBe(90);
    expect(defaultExpiry(30)).toBe(30);
  });
});
