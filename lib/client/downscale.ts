// Turns a picked, dropped or pasted picture into a reference the studio
// accepts: a PNG/JPEG/WebP data URL, small enough that five of them upload
// quickly. Browser only (canvas); the pure helpers at the top also run in tests.

/** The gateway gains nothing from more: models look at references far smaller than this. */
export const MAX_REFERENCE_SIDE = 2048;
/** A file this small, in an accepted format and size, is sent as it is. */
const KEEP_AS_IS_BYTES = 1.5 * 1024 * 1024;
/** What a re-encoded reference should stay under (the server refuses over 7 MB). */
const TARGET_BYTES = 2.5 * 1024 * 1024;
/** Decoding anything bigger risks the tab's memory; no camera makes such files. */
const MAX_INPUT_BYTES = 60 * 1024 * 1024;

export type ReferenceProblem = "heic" | "notImage" | "unreadable" | "tooLarge";

/** Why a file cannot be a reference; `reason` picks the message in the dictionary. */
export class ReferenceFileError extends Error {
  override name = "ReferenceFileError";
  constructor(
    readonly reason: ReferenceProblem,
    readonly fileName: string,
  ) {
    super(`${fileName}: ${reason}`);
  }
}

export type PreparedReference = { dataUrl: string; bytes: number; width: number; height: number; type: AcceptedType };
type AcceptedType = "image/png" | "image/jpeg" | "image/webp";

/** Scale (never up) so the long side is at most `maxSide`; both sides stay ≥ 1. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  if (!(width > 0 && height > 0)) return { width: 0, height: 0 };
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

const HEIC_TYPE = /^image\/hei[cf](-sequence)?$/i;
const HEIC_NAME = /\.(heic|heif|hif)$/i;
const IMAGE_NAME = /\.(png|jpe?g|jfif|webp|gif|bmp|avif|svg|ico|tiff?)$/i;

/** The checks that need no decoding: run first, so a refused file takes no slot. */
export function checkReferenceFile(file: { type: string; name: string; size: number }): ReferenceProblem | null {
  if (HEIC_TYPE.test(file.type) || HEIC_NAME.test(file.name)) return "heic";
  if (file.type && !file.type.toLowerCase().startsWith("image/")) return "notImage";
  if (!file.type && !IMAGE_NAME.test(file.name)) return "notImage";
  if (file.size > MAX_INPUT_BYTES) return "tooLarge";
  return null;
}

/** The real format from the first bytes (a file's name and declared type can lie). */
export function sniffImageType(bytes: Uint8Array): AcceptedType | "image/heic" | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(1, 4) === "PNG") return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  if (bytes.length >= 12 && ascii(4, 8) === "ftyp" && /^(heic|heix|hevc|hevx|heim|heis|hevm|hevs)$/.test(ascii(8, 12))) return "image/heic";
  return null;
}

/** Whether a JPEG carries an Exif block (orientation, often GPS): such files are re-encoded, which drops it. */
export function jpegHasExif(bytes: Uint8Array): boolean {
  let i = 2;
  while (i + 10 < bytes.length && bytes[i] === 0xff) {
    const marker = bytes[i + 1];
    if (marker === 0xda || marker === 0xd9) return false; // image data starts: no more metadata
    const length = (bytes[i + 2] << 8) | bytes[i + 3];
    if (marker === 0xe1 && String.fromCharCode(...bytes.subarray(i + 4, i + 8)) === "Exif") return true;
    i += 2 + length;
  }
  return false;
}

type Decoded = { source: CanvasImageSource; width: number; height: number; close(): void };

async function decode(blob: Blob, name: string, reason: ReferenceProblem): Promise<Decoded> {
  if (typeof createImageBitmap === "function") {
    try {
      const bitmap = await createImageBitmap(blob, { imageOrientation: "from-image" });
      return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
    } catch {
      // Some formats (SVG) only decode through <img>.
    }
  }
  const url = URL.createObjectURL(blob);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    if (!img.naturalWidth || !img.naturalHeight) throw new Error("empty image");
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => URL.revokeObjectURL(url) };
  } catch {
    URL.revokeObjectURL(url);
    throw new ReferenceFileError(reason, name);
  }
}

type Context2D = Pick<
  CanvasRenderingContext2D,
  "drawImage" | "getImageData" | "fillRect" | "fillStyle" | "imageSmoothingEnabled" | "imageSmoothingQuality"
>;

function makeCanvas(width: number, height: number): { ctx: Context2D; encode(type: string, quality: number): Promise<Blob> } {
  if (typeof OffscreenCanvas !== "undefined") {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext("2d");
    if (ctx) return { ctx: ctx as unknown as Context2D, encode: (type, quality) => canvas.convertToBlob({ type, quality }) };
  }
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no 2d canvas");
  return {
    ctx,
    encode: (type, quality) =>
      new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("encode failed"))), type, quality)),
  };
}

function hasTransparency(ctx: Context2D, width: number, height: number): boolean {
  const data = ctx.getImageData(0, 0, width, height).data;
  for (let i = 3; i < data.length; i += 4) if (data[i] < 255) return true;
  return false;
}

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("read failed"));
    reader.readAsDataURL(blob);
  });
}

// Largest first; each later attempt trades a little quality for size.
const ATTEMPTS = [
  { side: MAX_REFERENCE_SIDE, quality: 0.85 },
  { side: MAX_REFERENCE_SIDE, quality: 0.72 },
  { side: 1600, quality: 0.7 },
  { side: 1280, quality: 0.65 },
] as const;

/**
 * A reference ready to send: HEIC, non-images and undecodable files are refused
 * with a ReferenceFileError; a big photo is scaled so its long side is at most
 * 2048 px and encoded as JPEG (WebP when it has transparency).
 */
export async function prepareReference(file: Blob, name: string): Promise<PreparedReference> {
  const problem = checkReferenceFile({ type: file.type, name, size: file.size });
  if (problem) throw new ReferenceFileError(problem, name);
  const head = new Uint8Array(await file.slice(0, 128 * 1024).arrayBuffer());
  const sniffed = sniffImageType(head);
  if (sniffed === "image/heic") throw new ReferenceFileError("heic", name);

  const decoded = await decode(file, name, file.type ? "unreadable" : "notImage");
  try {
    const { width, height } = decoded;
    const fits = Math.max(width, height) <= MAX_REFERENCE_SIDE && file.size <= KEEP_AS_IS_BYTES;
    if (sniffed && fits && !(sniffed === "image/jpeg" && jpegHasExif(head))) {
      const dataUrl = await blobToDataUrl(new Blob([file], { type: sniffed }));
      return { dataUrl, bytes: file.size, width, height, type: sniffed };
    }

    const mayHaveAlpha = sniffed !== "image/jpeg" && !/^image\/(jpeg|bmp)$/i.test(file.type);
    let best: { blob: Blob; width: number; height: number } | null = null;
    let alpha: boolean | null = null;
    for (const attempt of ATTEMPTS) {
      const size = fitWithin(width, height, attempt.side);
      const { ctx, encode } = makeCanvas(size.width, size.height);
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = "high";
      ctx.drawImage(decoded.source, 0, 0, size.width, size.height);
      alpha ??= mayHaveAlpha && hasTransparency(ctx, size.width, size.height);
      let blob = await encode(alpha ? "image/webp" : "image/jpeg", alpha ? Math.min(0.9, attempt.quality + 0.05) : attempt.quality);
      // A browser without a WebP encoder answers PNG, which is accepted too; anything else is not.
      if (!/^image\/(png|jpeg|webp)$/.test(blob.type)) blob = await encode("image/png", 1);
      best = { blob, ...size };
      if (blob.size <= TARGET_BYTES) break;
    }
    if (!best) throw new ReferenceFileError("unreadable", name);
    return {
      dataUrl: await blobToDataUrl(best.blob),
      bytes: best.blob.size,
      width: best.width,
      height: best.height,
      type: best.blob.type as AcceptedType,
    };
  } finally {
    decoded.close();
  }
}
