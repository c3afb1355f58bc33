import "server-only";
import { ImageError, NOT_AN_IMAGE_MESSAGE } from "./errors";

// Decides the format from the first bytes, before sharp sees anything. Only
// the three accepted signatures get through, so sharp's other loaders (SVG
// via librsvg, which can fetch and script; GIF; HEIF; TIFF; PDF…) are never
// reached whatever the file claims to be. The other signatures below exist
// only to tell the person why: "GIF is not supported" beats "not an image".

export type ImageFormat = "png" | "jpeg" | "webp";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function sniffFormat(bytes: Buffer): ImageFormat {
  if (startsWith(bytes, PNG_SIGNATURE)) return "png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return "webp";

  const other = otherImageFormat(bytes);
  if (other) {
    throw new ImageError("unsupported_format", `${other} images are not supported; use a PNG, JPEG or WebP image`);
  }
  throw new ImageError("not_an_image", NOT_AN_IMAGE_MESSAGE);
}

function otherImageFormat(bytes: Buffer): string | undefined {
  const head = ascii(bytes, 0, 12);
  if (head.startsWith("GIF87a") || head.startsWith("GIF89a")) return "GIF";
  if (head.startsWith("II*\0") || head.startsWith("MM\0*")) return "TIFF";
  // "BM" alone would also match text; the header's reserved bytes are zero.
  if (head.startsWith("BM") && bytes.length >= 14 && bytes.readUInt32LE(6) === 0) return "BMP";
  if (head.slice(4, 8) === "ftyp") {
    const brand = head.slice(8, 12);
    return brand.startsWith("avi") ? "AVIF" : "HEIF";
  }
  if (head.startsWith("\0\0\0\x0cJXL ") || (bytes[0] === 0xff && bytes[1] === 0x0a)) return "JPEG XL";
  if (looksLikeSvg(bytes)) return "SVG";
  return undefined;
}

/** Markup whose first kilobytes open an <svg> element (after any BOM, blanks, <?xml …?>, comments, doctype). */
function looksLikeSvg(bytes: Buffer): boolean {
  const text = bytes.subarray(0, 4096).toString("utf8").replace(/^\uFEFF/, "").trimStart();
  return text.startsWith("<") && /<svg[\s>/]/i.test(text);
}

function startsWith(bytes: Buffer, prefix: Buffer): boolean {
  return bytes.length >= prefix.length && bytes.subarray(0, prefix.length).equals(prefix);
}

function ascii(bytes: Buffer, start: number, length: number): string {
  return bytes.subarray(start, start + length).toString("latin1");
}
