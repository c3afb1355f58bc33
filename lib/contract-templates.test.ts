import { describe, expect, it } from "vitest";
import { fillBlanks, templateVariables } from "./contract-templates";

describe("template blanks", () => {
  it("are read in order of first appearance, once each, in any script", () => {
    expect(templateVariables("photo of {product} on {surface}, {product} again, {产品}")).toEqual(["product", "surface", "产品"]);
    expect(templateVariables("no blanks, {not a blank}, {}")).toEqual([]);
  });

  it("are filled by name, every occurrence, and an unknown one stays as written", () => {
    expect(fillBlanks("{product} on {surface}; the {product}", { product: "mug", surface: "oak" })).toBe("mug on oak; the mug");
    expect(fillBlanks("{产品}放在{表面}上", { 产品: "杯子" })).toBe("杯子放在{表面}上");
    // A value that looks like a blank is not filled again.
    expect(fillBlanks("{a} {b}", { a: "{b}", b: "x" })).toBe("{b} x");
    // Names of Object.prototype are not values.
    expect(fillBlanks("{constructor}", {})).toBe("{constructor}");
  });
});
