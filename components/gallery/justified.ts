// Justified rows (the Flickr / Google Photos layout): every row is as wide as
// the list, every picture keeps its aspect ratio, rows are about `target` tall,
// and the order stays newest-first, left to right. Pure, so it is easy to test.

export type Box = { width: number; height: number; lastRow: boolean };

export function rowMetrics(containerWidth: number): { target: number; gap: number } {
  const gap = containerWidth < 640 ? 8 : 12;
  const target = Math.round(Math.min(260, Math.max(150, containerWidth / 4)));
  return { target, gap };
}

/** Widths are floored so a row never overflows; the caller lets items grow to absorb the rest. */
export function justify(input: { ratios: number[]; width: number; target: number; gap: number }): Box[] {
  const { ratios, width, target, gap } = input;
  const boxes: Box[] = [];
  if (width <= 0) return boxes;
  const heightOf = (from: number, to: number) => {
    let sum = 0;
    for (let i = from; i < to; i++) sum += ratios[i];
    return (width - gap * (to - from - 1)) / sum;
  };
  const close = (from: number, to: number, height: number, lastRow: boolean) => {
    for (let i = from; i < to; i++) boxes.push({ width: Math.floor(ratios[i] * height), height, lastRow });
  };

  let start = 0;
  for (let end = 1; end <= ratios.length; end++) {
    const h = heightOf(start, end);
    if (h > target) continue;
    // Adding item end-1 made the row shorter than wanted: keep it, or close the row before it,
    // whichever height is nearer the target (compared as ratios, and never much taller).
    if (end - start > 1) {
      const without = heightOf(start, end - 1);
      if (without / target < target / h && without <= target * 1.5) {
        close(start, end - 1, without, false);
        start = end - 1;
        end = start; // the loop's end++ re-examines the item on its new row
        continue;
      }
    }
    close(start, end, h, false);
    start = end;
  }
  if (start < ratios.length) close(start, ratios.length, Math.min(target, heightOf(start, ratios.length)), true);
  return boxes;
}
