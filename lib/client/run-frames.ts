import type { GallerySegment } from "./batches";

/**
 * groupBatches' segments with a run's one-picture rows framed too: a row of
 * a bulk run is a batch even when the template makes one picture, and its
 * frame carries the row's prompt and the "Run" link that leads to the whole
 * run. Any other single picture stays a card of its own.
 */
export function frameRunRows<T extends { batchId: string; runId: string | null }>(segments: GallerySegment<T>[]): GallerySegment<T>[] {
  return segments.map((s) => (s.kind === "single" && s.item.runId ? { kind: "batch", batchId: s.item.batchId, items: [s.item], start: s.index } : s));
}
