import { describe, expect, it } from "vitest";
import { numberFieldWidth, widthInCh } from "./field-width";

describe("field width", () => {
  it("counts Latin characters once and Chinese (wide, fullwidth) ones twice", () => {
    expect(widthInCh("default: 20")).toBe(11);
    expect(widthInCh("默认：20")).toBe(8);
    expect(widthInCh("")).toBe(0);
  });
  it("sizes a number field for its placeholder, spin buttons and padding, never under the minimum", () => {
    expect(numberFieldWidth("default: 20")).toBe("max(6rem, calc(11ch + 2.75rem))");
    expect(numberFieldWidth("默认", "5rem")).toBe("max(5rem, calc(4ch + 2.75rem))");
  });
});
