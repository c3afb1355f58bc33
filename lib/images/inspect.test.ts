import { crc32 } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { parseImageDataUrl } from "./data-url";
import { ImageError, inspectImage, type ImageErrorCode } from "./inspect";
import { sniffFormat } from "./sniff";
import { busyPicture, plainPicture } from "./test-images";

async function refusal(bytes: Buffer, opts?: { maxPixels?: number }): Promise<ImageError> {
  const error = await inspectImage(bytes, opts).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageError);
  return error as ImageError;
}

async function expectRefused(bytes: Buffer, code: ImageErrorCode, opts?: { maxPixels?: number }) {
  const error = await refusal(bytes, opts);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(/^[A-Z]/); // a sentence for a person, not sharp's internals
  expect(error.message).not.toMatch(/vips|sharp|libpng/i);
  return error;
}

/** A real PNG whose IHDR claims other dimensions: the shape of a decompression bomb. */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await plainPicture({ width: 8, height: 8, format: "png" }));
  // Signature (8) + IHDR length (4) + "IHDR" (4), then width, height; CRC covers type + data.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

describe("inspectImage accepts", () => {
  it.each([
    ["png", "image/png"],
    ["jpeg", "image/jpeg"],
    ["webp", "image/webp"],
  ] as const)("%s, reporting its format and size", async (format, contentType) => {
    const bytes = await plainPicture({ width: 320, height: 180, format });
    expect(await inspectImage(bytes)).toEqual({ format, contentType, width: 320, height: 180, bytes: bytes.length });
  });

  it("a PNG declared as JPEG as what it is: png", async () => {
    const png = await plainPicture({ width: 64, height: 48, format: "png" });
    const parsed = parseImageDataUrl(`data:image/jpeg;base64,${png.toString("base64")}`);
    expect(parsed?.declaredType).toBe("image/jpeg");
    const info = await inspectImage(parsed!.bytes);
    expect(info.format).toBe("png");
    expect(info.contentType).toBe("image/png");
  });

  it("reports the displayed size of an EXIF-rotated photo", async () => {
    const jpeg = await sharp(await plainPicture({ width: 300, height: 200, format: "jpeg" }))
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    expect(await sharp(jpeg).metadata()).toMatchObject({ orientation: 6, width: 300, height: 200 });
    expect(await inspectImage(jpeg)).toMatchObject({ width: 200, height: 300 });
  });

  it("a 4K PNG in well under a second", async () => {
    const png = await busyPicture({ width: 5504, height: 3072, format: "png" });
    const started = performance.now();
    const info = await inspectImage(png);
    const elapsed = performance.now() - started;
    expect(info).toMatchObject({ format: "png", width: 5504, height: 3072 });
    expect(elapsed).toBeLessThan(1000);
  });
});

describe("inspectImage refuses", () => {
  it("HTML text", async () => {
    await expectRefused(Buffer.from("<!doctype html><html><body>502 Bad Gateway</body></html>"), "not_an_image");
  });

  it("an empty file", async () => {
    await expectRefused(Buffer.alloc(0), "not_an_image");
  });

  const svgs = {
    plain: `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>`,
    "with <?xml and blanks": `\n\n   <?xml version="1.0" encoding="UTF-8"?>\n<!-- drawn by hand -->\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>`,
    "with a BOM": `\uFEFF<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>fetch("http://evil")</script></svg>`,
  };
  it.each(Object.entries(svgs))("an SVG (%s) as unsupported, without calling sharp", async (_name, svg) => {
    const bytes = Buffer.from(svg);
    // sharp itself would happily render it: the refusal must come first.
    expect((await sharp(Buffer.from(svgs.plain)).metadata()).format).toBe("svg");
    expect(() => sniffFormat(bytes)).toThrow(ImageError);
    const error = await expectRefused(bytes, "unsupported_format");
    expect(error.message).toMatch(/SVG/);
  });

  it("an SVG hidden behind a long comment (only the three signatures ever reach sharp)", async () => {
    const svg = `<!-- ${"x".repeat(10_000)} --><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`;
    await expectRefused(Buffer.from(svg), "not_an_image");
  });

  it.each(["gif", "tiff", "avif"] as const)("a %s as unsupported", async (format) => {
    const bytes = await plainPicture({ width: 16, height: 16, format });
    const error = await expectRefused(bytes, "unsupported_format");
    expect(error.message).toMatch(/PNG, JPEG or WebP/);
  });

  it("a PNG cut in half", async () => {
    const png = await busyPicture({ width: 400, height: 300, format: "png" });
    await expectRefused(png.subarray(0, png.length >> 1), "not_an_image");
  });

  it("a PNG missing only its last bytes", async () => {
    const png = await busyPicture({ width: 400, height: 300, format: "png" });
    await expectRefused(png.subarray(0, png.length - 20), "not_an_image");
  });

  it("a JPEG cut in half", async () => {
    const jpeg = await busyPicture({ width: 400, height: 300, format: "jpeg" });
    await expectRefused(jpeg.subarray(0, jpeg.length >> 1), "not_an_image");
  });

  it("a WebP cut in half", async () => {
    const webp = await busyPicture({ width: 400, height: 300, format: "webp" });
    await expectRefused(webp.subarray(0, webp.length >> 1), "not_an_image");
  });

  it("a PNG signature followed by junk", async () => {
    const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    await expectRefused(bytes, "not_an_image");
  });

  it("an image over maxPixels as too large", async () => {
    const png = await plainPicture({ width: 100, height: 100, format: "png" });
    await expect(inspectImage(png, { maxPixels: 10_000 })).resolves.toMatchObject({ width: 100 });
    const error = await expectRefused(png, "too_large", { maxPixels: 9_999 });
    expect(error.message).toBe("The image is 100×100, 10000 pixels; the limit is 9999 pixels");
  });

  it("a tiny file claiming huge dimensions, before decoding it", async () => {
    const bomb = await pngClaiming(30_000, 30_000);
    expect(bomb.length).toBeLessThan(1000);
    expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({ width: 30_000, height: 30_000 });
    const started = performance.now();
    const error = await expectRefused(bomb, "too_large");
    expect(error.message).toBe("The image is 30000×30000, 900 megapixels; the limit is 50 megapixels");
    expect(performance.now() - started).toBeLessThan(200);
  });
});
