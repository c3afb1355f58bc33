import "server-only";
import sharp from "sharp";

// Inputs for the image tests, generated rather than checked in. A flat colour
// would make every size budget look easy, so "busy" pictures carry detail at
// every scale: a gradient, smooth random blobs 8 and 2.5 thumbnail pixels
// wide (they survive the downscale, like foliage or a crowd) and per-pixel
// grain. Deterministic, and quick to make even at 4K.

export async function busyPicture(input: {
  width: number;
  height: number;
  format?: "png" | "jpeg" | "webp";
}): Promise<Buffer> {
  const { width, height, format = "png" } = input;
  const random = seededRandom(width * 31 + height);
  // Blob sizes in thumbnail pixels, converted to this picture's pixels.
  const thumbPixel = Math.max(width, height) / 512;
  const coarse = await blobs({ width, height, cell: 8 * thumbPixel, random });
  const fine = await blobs({ width, height, cell: 2.5 * thumbPixel, random });

  // Clamped: out-of-range sums saturate instead of wrapping around.
  const pixels = new Uint8ClampedArray(width * height * 3);
  for (let y = 0, i = 0; y < height; y++) {
    const green = 60 + 80 * (y / height);
    for (let x = 0; x < width; x++, i += 3) {
      const along = x / width;
      const base = [220 - 170 * along, green, 50 + 170 * along] as const;
      for (let c = 0; c < 3; c++) {
        pixels[i + c] = base[c] + 0.5 * (coarse[i + c] - 128) + 0.3 * (fine[i + c] - 128) + 20 * (random() - 0.5);
      }
    }
  }
  const picture = sharp(Buffer.from(pixels.buffer), { raw: { width, height, channels: 3 } });
  if (format === "jpeg") return picture.jpeg({ quality: 90 }).toBuffer();
  if (format === "webp") return picture.webp({ quality: 90 }).toBuffer();
  return picture.png({ compressionLevel: 1 }).toBuffer();
}

/** Random colours on a grid `cell` pixels apart, smoothly upscaled by sharp to the full size. */
async function blobs(input: { width: number; height: number; cell: number; random: () => number }): Promise<Buffer> {
  const columns = Math.ceil(input.width / input.cell);
  const rows = Math.ceil(input.height / input.cell);
  const grid = Buffer.alloc(columns * rows * 3).map(() => Math.floor(input.random() * 256));
  return sharp(grid, { raw: { width: columns, height: rows, channels: 3 } })
    .resize(input.width, input.height, { fit: "fill", kernel: "cubic" })
    .raw()
    .toBuffer();
}

/** A small flat picture; enough where only the format or the size matters. */
export function plainPicture(input: {
  width: number;
  height: number;
  format: "png" | "jpeg" | "webp" | "gif" | "tiff" | "avif";
}): Promise<Buffer> {
  const image = sharp({ create: { width: input.width, height: input.height, channels: 3, background: "#3a7" } });
  return image.toFormat(input.format).toBuffer();
}

/** mulberry32: repeatable pictures, so a size measured once stays true. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
