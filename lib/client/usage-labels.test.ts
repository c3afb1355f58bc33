import { describe, expect, it } from "vitest";
import { MODEL_IDS } from "@/lib/models";
import { modelName, showsPeople } from "./usage-labels";

describe("modelName", () => {
  it("names a model whose id fixes the size by the model and the size, not its id", () => {
    expect(modelName("nano_banana_pro-4K", "en")).toBe("Nano Banana Pro · 4K");
    expect(modelName("nano_banana_pro-1K", "zh")).toBe("Nano Banana Pro · 1K");
  });

  it("names the other models by their label", () => {
    expect(modelName("nano_banana_2", "en")).toBe("Nano Banana 2");
    expect(modelName("nano_banana_pro", "zh")).toBe("Nano Banana Pro");
  });

  it("never shows a catalog id as it is, in either language", () => {
    for (const id of MODEL_IDS) for (const locale of ["en", "zh"] as const) expect(modelName(id, locale)).not.toContain("_");
  });

  it("keeps an id the catalog no longer knows (older rows), rather than hiding its pictures", () => {
    expect(modelName("nano_banana_1", "en")).toBe("nano_banana_1");
  });
});

describe("showsPeople", () => {
  it("is false for one person in view (a member sees only themself) and for none", () => {
    expect(showsPeople([{ key: "carl" }])).toBe(false);
    expect(showsPeople([])).toBe(false);
    expect(showsPeople([{ key: "carl" }, { key: "bea" }])).toBe(true);
  });
});
