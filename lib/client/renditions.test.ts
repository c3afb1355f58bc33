import { describe, expect, it } from "vitest";
import { tileSizes, tileSrcSet } from "./renditions";

// A tile's <img> offers the thumbnail (512 px), the preview
// (1024 px) and the original, each with its real width, so the browser never
// picks one narrower than the tile (times the screen's density).

const image = (width: number, height: number) => ({
  url: "/api/images/gen_1",
  thumbUrl: "/api/images/gen_1?variant=thumb",
  previewUrl: "/api/images/gen_1?variant=preview",
  width,
  height,
});

describe("tileSrcSet", () => {
  it("a 1K 16:9 picture: 512, 1024 and its 1376 px original", () => {
    expect(tileSrcSet(image(1376, 768))).toBe(
      "/api/images/gen_1?variant=thumb 512w, /api/images/gen_1?variant=preview 1024w, /api/images/gen_1 1376w",
    );
  });
  it("a portrait one: the renditions' widths follow the long side", () => {
    expect(tileSrcSet(image(768, 1376))).toBe("/api/images/gen_1?variant=thumb 286w, /api/images/gen_1?variant=preview 572w, /api/images/gen_1 768w");
  });
  it("a 1024 px square: the preview is the original's size, so the original is left out", () => {
    expect(tileSrcSet(image(1024, 1024))).toBe("/api/images/gen_1?variant=thumb 512w, /api/images/gen_1?variant=preview 1024w");
  });
  it("a small picture: what is not larger is not offered", () => {
    expect(tileSrcSet(image(400, 300))).toBe("/api/images/gen_1?variant=thumb 400w");
  });
});

describe("tileSizes", () => {
  it("a lazy tile is measured by the browser (sizes=auto), with the row's widest as the fallback", () => {
    expect(tileSizes({ ratio: 1, lazy: true, withComposer: true })).toMatch(/^auto, /);
  });
  it("an eager one (the first screen) says how wide its row can make it, from the window's width", () => {
    const sizes = tileSizes({ ratio: 16 / 9, lazy: false, withComposer: true });
    expect(sizes).not.toMatch(/auto/);
    expect(sizes).toContain("(min-width: 1024px)");
  });
});
