import "server-only";
import sharp from "sharp";
import { decodeDataUrl } from "@/lib/data-url";

// References are read at submit time, as a real upstream validates its inputs
// early, and only a small thumbnail is kept: a task must not hold megabytes of
// data URLs until it renders.

export type Reference =
  | { kind: "image"; thumbnail: Buffer }
  /** An http(s) reference is never fetched by the simulator (no network here); only its host is shown. */
  | { kind: "link"; host: string };

export const UNREADABLE_REFERENCE = "The reference image could not be read (simulated)";

// Large enough to stay sharp as a tile on a 4K picture.
const THUMBNAIL_EDGE = 640;


async function readReference(url: string): Promise<Reference | undefined> {
  if (/^https?:\/\//i.test(url)) {
    let host = "?";
    try {
      host = new URL(url).host;
    } catch {
      // An unparsable http URL still gets a placeholder; the label just says so.
    }
    return { kind: "link", host };
  }
  const bytes = decodeDataUrl(url)?.bytes;
  if (!bytes || bytes.length === 0) return undefined;
  try {
    const thumbnail = await sharp(bytes)
      .rotate()
      .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: "inside", withoutEnlargement: true })
      .png()
      .toBuffer();
    return { kind: "image", thumbnail };
  } catch {
    return undefined;
  }
}

/** All references read, or `undefined` when one of them is not a readable image. */
export async function readReferences(urls: string[]): Promise<Reference[] | undefined> {
  const refs = await Promise.all(urls.map(readReference));
  return refs.every((r): r is Reference => r !== undefined) ? refs : undefined;
}
