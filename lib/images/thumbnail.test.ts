import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ImageError, inspectImage } from "./inspect";
import { THUMB_BYTE_BUDGET, makeThumbnail } from "./thumbnail";
import { busyPicture, plainPicture } from "./test-images";

describe("makeThumbnail", () => {
  // The studio's 16:9 results at 1K, 2K and 4K, plus a square and a portrait one.
  it.each([
    [1376, 768, 512, 286],
    [2752, 1536, 512, 286],
    [5504, 3072, 512, 286],
    [1024, 1024, 512, 512],
    [768, 1376, 286, 512],
  ])("shrinks a busy %i×%i picture to a small %i×%i WebP", async (width, height, thumbWidth, thumbHeight) => {
    const thumb = await makeThumbnail(await busyPicture({ width, height }));
    expect(thumb).toMatchObject({ width: thumbWidth, height: thumbHeight, contentType: "image/webp" });
    expect(await inspectImage(thumb.bytes)).toMatchObject({ format: "webp", width: thumbWidth, height: thumbHeight });
    expect(thumb.bytes.length).toBeLessThanOrEqual(THUMB_BYTE_BUDGET);
  });

  it("never enlarges a small picture", async () => {
    const thumb = await makeThumbnail(await plainPicture({ width: 300, height: 200, format: "jpeg" }));
    expect(thumb).toMatchObject({ width: 300, height: 200, contentType: "image/webp" });
    expect(await inspectImage(thumb.bytes)).toMatchObject({ format: "webp", width: 300, height: 200 });
  });

  it("turns an EXIF-rotated photo upright", async () => {
    const jpeg = await sharp(await busyPicture({ width: 1200, height: 800, format: "jpeg" }))
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const thumb = await makeThumbnail(jpeg);
    expect(thumb).toMatchObject({ width: 341, height: 512 });
    // Upright pixels, and no orientation tag left to rotate them twice.
    expect((await sharp(thumb.bytes).metadata()).orientation).toBeUndefined();
  });

  it("keeps transparency", async () => {
    const png = await sharp({ create: { width: 600, height: 600, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const thumb = await makeThumbnail(png);
    expect((await sharp(thumb.bytes).metadata()).hasAlpha).toBe(true);
  });

  it("refuses what is not a picture", async () => {
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"/>`);
    await expect(makeThumbnail(svg)).rejects.toMatchObject({ code: "unsupported_format" });
    const png = await busyPicture({ width: 400, height: 300 });
    await expect(makeThumbnail(png.subarray(0, png.length >> 1))).rejects.toBeInstanceOf(ImageError);
  });
});
