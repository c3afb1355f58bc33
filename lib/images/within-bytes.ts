import "server-only";
import sharp from "sharp";
import { oneDecodeAtATime } from "./gate";
import { DEFAULT_MAX_PIXELS, FAIL_ON, decodeError } from "./inspect";

// A picture the gateway must take as a reference (at most 7 MB): a 4K PNG
// original can be larger. Re-encoded as a JPEG, full size, at the highest
// quality that fits: the edit starts from the picture, not a smaller copy.

const QUALITIES = [92, 85, 75];

/** The picture as it is when it fits; else a full-size JPEG that does; undefined when none does. */
export async function withinBytes(bytes: Buffer, maxBytes: number): Promise<{ bytes: Buffer; reencoded: boolean } | undefined> {
  if (bytes.length <= maxBytes) return { bytes, reencoded: false };
  for (const quality of QUALITIES) {
    const jpeg = await oneDecodeAtATime(() =>
      sharp(bytes, { failOn: FAIL_ON, limitInputPixels: DEFAULT_MAX_PIXELS })
        .autoOrient()
        .flatten({ background: "#ffffff" })
        .toColourspace("srgb")
        .jpeg({ quality, mozjpeg: true })
        .toBuffer()
        .catch((error: unknown) => {
          throw decodeError(error);
        }),
    );
    if (jpeg.length <= maxBytes) return { bytes: jpeg, reencoded: true };
  }
  return undefined;
}
