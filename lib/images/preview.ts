import "server-only";
import sharp from "sharp";
import { PREVIEW_SIDE } from "@/lib/contract-values";
import { oneDecodeAtATime } from "./gate";
import { DEFAULT_MAX_PIXELS, FAIL_ON, decodeError } from "./inspect";
import { sniffFormat } from "./sniff";

// Between the 512 px thumbnail and the original: a gallery
// tile on a 2× screen needs up to ~920 device pixels across, and the
// original is megabytes. Made from the original when first asked for.

/** WebP at 75: a busy 16:9 picture at 1024 px is ~100 KB (the 1K PNG original ~1.5 MB). */
const QUALITY = 75;

export async function makePreview(bytes: Buffer): Promise<{ bytes: Buffer; width: number; height: number; contentType: "image/webp" }> {
  sniffFormat(bytes);
  const { data, info } = await oneDecodeAtATime(() =>
    sharp(bytes, { failOn: FAIL_ON, limitInputPixels: DEFAULT_MAX_PIXELS })
      .autoOrient()
      .resize(PREVIEW_SIDE, PREVIEW_SIDE, { fit: "inside", withoutEnlargement: true })
      .toColourspace("srgb")
      .webp({ quality: QUALITY })
      .toBuffer({ resolveWithObject: true })
      .catch((error: unknown) => {
        throw decodeError(error);
      }),
  );
  return { bytes: data, width: info.width, height: info.height, contentType: "image/webp" };
}
