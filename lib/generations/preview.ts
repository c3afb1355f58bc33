import "server-only";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { ImageError, makePreview } from "@/lib/images";
import { logger } from "@/lib/log";
import type { StoredObject } from "@/lib/storage";
import type { ServiceDeps } from "@/lib/core/deps";

// The preview rendition: a WebP of at most PREVIEW_SIDE px,
// for gallery tiles larger than the thumbnail on the screen. It is derived
// from the original, so it is made the first time it is asked for (pictures
// stored before it existed get one too) and kept under a key of its own; the
// original stays the one copy that matters (migrate-data need not carry
// previews: they are made again).

export const previewKey = (id: string) => `previews/${id}.webp`;

/**
 * The stored preview, made from the original and stored first if there is
 * none yet. Without a readable original (a copy restored without its
 * originals, a benchmark's seeded thumbnails) the thumbnail stands in: a
 * tile then shows what it showed before previews existed, never a hole.
 */
export async function openPreview(deps: ServiceDeps, input: { id: string; imageKey: string; thumbKey: string | null }): Promise<StoredObject | undefined> {
  const stored = await deps.store.get(previewKey(input.id));
  if (stored) return stored;
  const original = await deps.store.get(input.imageKey);
  const thumbnail = () => (input.thumbKey ? deps.store.get(input.thumbKey) : Promise.resolve(undefined));
  if (!original) return thumbnail();
  let preview;
  try {
    preview = await makePreview(await buffer(original.stream));
  } catch (error) {
    if (!ImageError.is(error)) throw error;
    logger.warn({ err: error, generation: input.id }, "a picture's original could not be read for its preview; the thumbnail stands in");
    return thumbnail();
  }
  // Two first views at once make it twice and store the same bytes: harmless.
  await deps.store
    .put({ key: previewKey(input.id), bytes: preview.bytes, contentType: preview.contentType })
    .catch((err: unknown) => logger.warn({ err, generation: input.id }, "could not keep a picture's preview; it is made again next time"));
  return { stream: Readable.from(preview.bytes), size: preview.bytes.length };
}
