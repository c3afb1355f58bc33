import { describe, expect, it } from "vitest";
import { parseImageDataUrl, toDataUrl } from "./data-url";

describe("parseImageDataUrl", () => {
  it("parses a base64 image data URL", () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 250]);
    expect(parseImageDataUrl(`data:image/png;base64,${bytes.toString("base64")}`)).toEqual({
      declaredType: "image/png",
      bytes,
    });
  });

  it("round-trips with toDataUrl for every length of padding", () => {
    for (const length of [1, 2, 3, 4, 5, 1000]) {
      const bytes = Buffer.alloc(length, length);
      const url = toDataUrl(bytes, "image/webp");
      expect(url.startsWith("data:image/webp;base64,")).toBe(true);
      expect(parseImageDataUrl(url)?.bytes.equals(bytes)).toBe(true);
    }
  });

  it("lower-cases the declared type, which is reported and never trusted", () => {
    expect(parseImageDataUrl("data:IMAGE/JPEG;BASE64,AAAA")?.declaredType).toBe("image/jpeg");
    expect(parseImageDataUrl("data:image/svg+xml;base64,PHN2Zz4=")?.declaredType).toBe("image/svg+xml");
  });

  it.each([
    ["not a data URL", "https://example.com/a.png"],
    ["not an image type", "data:text/html;base64,PGgxPg=="],
    ["no type", "data:;base64,AAAA"],
    ["not base64", "data:image/png,rawbytes"],
    ["extra parameters", "data:image/png;charset=utf-8;base64,AAAA"],
    ["empty data", "data:image/png;base64,"],
    ["characters outside base64", "data:image/png;base64,AA*A"],
    ["URL-safe alphabet", "data:image/png;base64,AA-_"],
    ["whitespace inside", "data:image/png;base64,AA AA"],
    ["a line break", "data:image/png;base64,AAAA\nAAAA"],
    ["length not a multiple of 4", "data:image/png;base64,AAAAA"],
    ["padding in the middle", "data:image/png;base64,AA==AAAA"],
    ["too much padding", "data:image/png;base64,A==="],
    ["leading space", " data:image/png;base64,AAAA"],
    ["empty string", ""],
  ])("answers undefined for %s", (_name, url) => {
    expect(parseImageDataUrl(url)).toBeUndefined();
  });
});
