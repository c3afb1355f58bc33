import "server-only";
import sharp from "sharp";
import { ImageError, NOT_AN_IMAGE_MESSAGE } from "./errors";
import { oneDecodeAtATime } from "./gate";
import { sniffFormat, type ImageFormat } from "./sniff";

// What a picture really is, from its bytes alone: names, data-URL types and
// Content-Type headers are never consulted. Used on every reference a person
// sends and every result the gateway returns, before anything is stored.

export { ImageError } from "./errors";
export type { ImageErrorCode } from "./errors";
export type { ImageFormat } from "./sniff";

export type ImageContentType = "image/png" | "image/jpeg" | "image/webp";

export type ImageInfo = {
  format: ImageFormat;
  contentType: ImageContentType;
  /** As displayed, i.e. after EXIF rotation (a portrait phone photo is taller than wide). */
  width: number;
  height: number;
  bytes: number;
};

/**
 * Decompression-bomb guard: a few-KB PNG can declare 100k×100k pixels. 50 MP
 * is well above the 4K results (5504×3072 ≈ 17 MP) and keeps a decode to
 * about 200 MB of RGBA.
 */
export const DEFAULT_MAX_PIXELS = 50_000_000;

export const CONTENT_TYPES: Record<ImageFormat, ImageContentType> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
};

/** The file extension a stored picture gets; "bin" for anything that is not one of ours. */
export function extensionFor(contentType: string): string {
  return ({ "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" } as Record<string, string>)[contentType] ?? "bin";
}

// "error" includes truncation; "warning" would also refuse the many real JPEGs
// that carry harmless oddities (extra bytes after a marker and so on).
export const FAIL_ON = "error" as const;

export async function inspectImage(bytes: Buffer, opts: { maxPixels?: number } = {}): Promise<ImageInfo> {
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  const format = sniffFormat(bytes);
  // Header only: cheap, and lets a bomb be refused, with its size in the
  // message, before any pixel is decoded.
  const meta = await sharp(bytes, { failOn: FAIL_ON, limitInputPixels: false })
    .metadata()
    .catch((error: unknown) => {
      throw decodeError(error);
    });
  if (meta.format !== format || !meta.width || !meta.height) {
    throw new ImageError("not_an_image", NOT_AN_IMAGE_MESSAGE);
  }
  if (meta.width * meta.height > maxPixels) throw tooLarge(meta.width, meta.height, maxPixels);

  // The header can be fine while the data is cut short or corrupt, so decode
  // every pixel. Shrinking to a tiny raw image still reads all of the data but
  // never holds the full frame: ~0.3 s for a 42–53 MB 4K PNG of noise, where
  // .stats() took ~1.4 s. The pixel limit is passed again should the decoder
  // see other dimensions than the header did.
  await oneDecodeAtATime(() =>
    sharp(bytes, { failOn: FAIL_ON, limitInputPixels: maxPixels })
      .resize(32, 32, { fit: "inside" })
      .raw()
      .toBuffer()
      .catch((error: unknown) => {
        throw decodeError(error);
      }),
  );

  const oriented = meta.autoOrient ?? { width: meta.width, height: meta.height };
  return {
    format,
    contentType: CONTENT_TYPES[format],
    width: oriented.width,
    height: oriented.height,
    bytes: bytes.length,
  };
}

/** sharp's own message stays in `cause` for the logs; the person gets plain words. */
export function decodeError(error: unknown): ImageError {
  if (ImageError.is(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) {
    return new ImageError("too_large", "The image has too many pixels to process", { cause: error });
  }
  return new ImageError("not_an_image", "The image could not be read; the file may be damaged or incomplete", {
    cause: error,
  });
}

function tooLarge(width: number, height: number, maxPixels: number): ImageError {
  const amount = (n: number) => (n >= 100_000 ? `${+(n / 1_000_000).toFixed(1)} megapixels` : `${n} pixels`);
  return new ImageError(
    "too_large",
    `The image is ${width}×${height}, ${amount(width * height)}; the limit is ${amount(maxPixels)}`,
  );
}
