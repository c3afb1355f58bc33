import "server-only";
import sharp from "sharp";
import { THUMB_SIDE } from "@/lib/contract-values";
import { oneDecodeAtATime } from "./gate";
import { DEFAULT_MAX_PIXELS, FAIL_ON, decodeError } from "./inspect";
import { sniffFormat } from "./sniff";

// The gallery grid loads dozens of these at once, so they must stay small:
// WebP, at most 512 px on the long side, under a byte budget.

export const THUMB_MAX_SIDE = THUMB_SIDE;

/**
 * Tried in order until the thumbnail fits the budget. Measured on a busy
 * picture (tests' busyPicture): a 16:9 thumbnail at 70 is ~29 KB whether the
 * source is 1K, 2K or 4K (75 gives ~31 KB, 65 ~27 KB: little to gain either
 * way). Only denser content needs the lower steps, e.g. a busy square one
 * (512×512, 1.8× the pixels) lands at ~36 KB at 40.
 */
const QUALITY_STEPS = [70, 55, 40] as const;
export const THUMB_BYTE_BUDGET = 40 * 1024;

export type Thumbnail = { bytes: Buffer; width: number; height: number; contentType: "image/webp" };

export async function makeThumbnail(bytes: Buffer): Promise<Thumbnail> {
  // Callers pass pictures that already went through inspectImage; the sniff is
  // the cheap half of that, so an SVG can never reach sharp through here.
  sniffFormat(bytes);

  // Resize once to 8-bit sRGB pixels, then encode those at falling qualities:
  // re-decoding a 4K original for each attempt would cost ~0.3 s apiece.
  const { data, info } = await oneDecodeAtATime(() =>
    sharp(bytes, { failOn: FAIL_ON, limitInputPixels: DEFAULT_MAX_PIXELS })
      .autoOrient()
      .resize(THUMB_MAX_SIDE, THUMB_MAX_SIDE, { fit: "inside", withoutEnlargement: true })
      .toColourspace("srgb")
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true })
      .catch((error: unknown) => {
        throw decodeError(error);
      }),
  );
  const raw = { width: info.width, height: info.height, channels: info.channels };

  const encode = (quality: number) => sharp(data, { raw }).webp({ quality }).toBuffer();

  let encoded = await encode(QUALITY_STEPS[0]);
  for (const quality of QUALITY_STEPS.slice(1)) {
    if (encoded.length <= THUMB_BYTE_BUDGET) break;
    encoded = await encode(quality);
  }
  return { bytes: encoded, width: info.width, height: info.height, contentType: "image/webp" };
}
