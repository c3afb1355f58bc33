import { describe, expect, it } from "vitest";
import { checkReferenceFile, fitWithin, jpegHasExif, sniffImageType } from "./downscale";

describe("fitWithin", () => {
  it("scales a 12-megapixel landscape photo so its long side is 2048", () => {
    expect(fitWithin(4032, 3024, 2048)).toEqual({ width: 2048, height: 1536 });
  });
  it("scales a portrait by its height", () => {
    expect(fitWithin(3024, 4032, 2048)).toEqual({ width: 1536, height: 2048 });
  });
  it("never scales up", () => {
    expect(fitWithin(800, 600, 2048)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(2048, 2048, 2048)).toEqual({ width: 2048, height: 2048 });
  });
  it("keeps very thin images at least one pixel wide", () => {
    expect(fitWithin(100_000, 10, 2048)).toEqual({ width: 2048, height: 1 });
  });
  it("answers zero for sizes that are not images", () => {
    expect(fitWithin(0, 100, 2048)).toEqual({ width: 0, height: 0 });
    expect(fitWithin(Number.NaN, 100, 2048)).toEqual({ width: 0, height: 0 });
  });
});

describe("checkReferenceFile", () => {
  const file = (name: string, type: string, size = 1000) => ({ name, type, size });
  it("accepts ordinary pictures", () => {
    expect(checkReferenceFile(file("a.jpg", "image/jpeg"))).toBeNull();
    expect(checkReferenceFile(file("a.png", ""))).toBeNull();
  });
  it("refuses HEIC by type or by name", () => {
    expect(checkReferenceFile(file("IMG_0001.HEIC", ""))).toBe("heic");
    expect(checkReferenceFile(file("photo", "image/heif"))).toBe("heic");
    expect(checkReferenceFile(file("x.jpg", "image/heic"))).toBe("heic");
  });
  it("refuses files that are not images", () => {
    expect(checkReferenceFile(file("notes.pdf", "application/pdf"))).toBe("notImage");
    expect(checkReferenceFile(file("notes", ""))).toBe("notImage");
  });
  it("refuses huge files before decoding them", () => {
    expect(checkReferenceFile(file("big.png", "image/png", 200 * 1024 * 1024))).toBe("tooLarge");
  });
});

describe("sniffImageType", () => {
  const bytes = (...parts: (number[] | string)[]) =>
    new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));
  it("knows PNG, JPEG and WebP by their first bytes", () => {
    expect(sniffImageType(bytes([0x89], "PNG", [13, 10, 26, 10]))).toBe("image/png");
    expect(sniffImageType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffImageType(bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "))).toBe("image/webp");
  });
  it("spots a HEIC file whatever its name says", () => {
    expect(sniffImageType(bytes([0, 0, 0, 24], "ftypheic", [0, 0, 0, 0]))).toBe("image/heic");
  });
  it("answers null for anything else", () => {
    expect(sniffImageType(bytes("GIF89a"))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });
});

describe("jpegHasExif", () => {
  const segment = (marker: number, payload: number[]) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
  it("finds an Exif block after JFIF", () => {
    const jpeg = new Uint8Array([0xff, 0xd8, ...segment(0xe0, ascii("JFIF\0xxxxxxxxx")), ...segment(0xe1, ascii("Exif\0\0abcdefgh")), 0xff, 0xda, 0, 0]);
    expect(jpegHasExif(jpeg)).toBe(true);
  });
  it("answers false when the image data starts first", () => {
    const jpeg = new Uint8Array([0xff, 0xd8, ...segment(0xe0, ascii("JFIF\0xxxxxxxxx")), 0xff, 0xda, 0, 12, ...ascii("Exif\0\0abcdefghij")]);
    expect(jpegHasExif(jpeg)).toBe(false);
  });
});
