// The gallery shows the pictures of one request together. Consecutive items
// with the same batchId (more than one) form a group; any other item stays a
// single card. Items keep their gallery order and their index in it (the
// first screen's eager thumbnails and the layout's ratios are by index).

export type GallerySegment<T> =
  | { kind: "single"; item: T; index: number }
  | { kind: "batch"; batchId: string; items: T[]; start: number };

export function groupBatches<T extends { batchId: string }>(items: readonly T[]): GallerySegment<T>[] {
  const segments: GallerySegment<T>[] = [];
  let i = 0;
  while (i < items.length) {
    let end = i + 1;
    while (end < items.length && items[end].batchId === items[i].batchId) end++;
    if (end - i > 1) segments.push({ kind: "batch", batchId: items[i].batchId, items: items.slice(i, end), start: i });
    else segments.push({ kind: "single", item: items[i], index: i });
    i = end;
  }
  return segments;
}

/** A `?batch=` value worth asking the server for (a picture's batchId: bat_… or, for older rows, gen_…). */
export function isBatchId(value: string | null | undefined): value is string {
  return typeof value === "string" && /^(bat|gen)_[0-9A-HJKMNP-TV-Z]{26}$/.test(value);
}
