import { describe, expect, it } from "vitest";
import { copyName, fitName, storedReferenceId, templateFromPicture } from "./picture-template";

const REF = "ref_01ARZ3NDEKTSV4RRFFQ69G5FAV";

describe("templateFromPicture", () => {
  it("takes the prompt, settings and stored references, one picture a run, and says when links stay out", () => {
    const made = templateFromPicture({
      prompt: "a {thing} at dawn",
      model: "nano_banana_pro-2K",
      aspectRatio: "16:9",
      imageSize: "2K",
      references: [{ url: `/api/references/${REF}` }, { url: "https://example.com/a.png" }],
    });
    expect(made).toEqual({
      fields: { prompt: "a {thing} at dawn", model: "nano_banana_pro-2K", aspectRatio: "16:9", imageSize: "2K", count: 1, references: [REF] },
      linksLeftOut: true,
    });
    expect(templateFromPicture({ prompt: "p", model: "nano_banana_2", aspectRatio: "auto", imageSize: null, references: [] }).linksLeftOut).toBe(false);
  });

  it("reads an id only from a stored reference's own URL", () => {
    expect(storedReferenceId(`/api/references/${REF}`)).toBe(REF);
    for (const url of [`https://evil.test/api/references/${REF}`, `/api/references/${REF}?x=1`, "/api/references/ref_short"]) expect(storedReferenceId(url)).toBeNull();
  });
});

describe("names", () => {
  it("a copy's name fits 100 UTF-16 units, cut between characters", () => {
    expect(copyName("Product shot", "{name} (copy)")).toBe("Product shot (copy)");
    expect(copyName("产品图", "{name}（副本）")).toBe("产品图（副本）");
    const long = copyName("😀".repeat(120), "{name} (copy)");
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long).toMatch(/^(😀)+… \(copy\)$/u);
    expect(fitName("  a   b  ")).toBe("a b");
  });
});
