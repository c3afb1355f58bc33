import { expect, it } from "vitest";
import { brand } from "./brand";

it("recognizes an object marked by another copy of the same brand, and nothing else", () => {
  // Two copies, as two bundles of one module would make.
  const a = brand("Thing");
  const b = brand("Thing");
  const marked = {};
  a.mark(marked);
  expect(b.is(marked)).toBe(true);
  expect(brand("Other").is(marked)).toBe(false);
  expect(b.is({})).toBe(false);
  expect(b.is(null)).toBe(false);
  expect(b.is("Thing")).toBe(false);
});
