// Which rows of the justified gallery stretch to the list's width, and which
// keep the row height. The rows themselves are CSS's (see
// justified.ts): flex-wrap breaks them, each tile grows in proportion to its
// ratio. A row followed by something that does not fit beside it (a batch
// wider than what is left) used to grow until it filled the width: one
// 512 px thumbnail blown up to ~980 px. Justified galleries stretch a row only
// while it stays near the row height, and leave a row that is not full at the
// row height, as they leave the last one.
//
// CSS cannot tell how full a row is, so this lays the rows out as the browser
// will, for every width the gallery can have, and names the tiles whose row is
// not full at each width: container-query rules that stop their growth. They
// are rendered with the list, so the server's HTML already has them and
// nothing moves when the page hydrates.

/** A picture (its ratio) or a batch's frame (its pictures' ratios), with the key its `<li>` carries in `data-tile`. */
export type RowItem = { key: string; ratio: number } | { key: string; batch: { key: string; ratio: number }[] };

/** The row height the CSS asks for: clamp(150px, 25cqw, 260px). */
export const rowHeight = (width: number) => Math.min(260, Math.max(150, width / 4));
/** The list's gap: 8 px, 12 px from 640 px (`gap-2 @min-[640px]:gap-3`). */
export const listGap = (width: number) => (width >= 640 ? 12 : 8);
/** A batch's frame: 6 px padding each side, 6 px between its pictures (batch-group.tsx). */
export const BATCH_PAD = 6;
export const BATCH_GAP = 6;
/**
 * A row is full when filling the width makes it at most this much taller
 * than the row height; one that would grow more keeps the row height. Rows of
 * squares 3 to a line need 1.33 (a fourth never fits beside the gaps).
 */
export const MAX_STRETCH = 1.5;
/** The widths the gallery's list can have: a 320 px phone to the page's 1600 px maximum. */
export const WIDTHS = { from: 280, to: 1600 } as const;

/** As the CSS writes it (`ratio.toFixed(4)`): the layout must match the browser's to the pixel. */
const asWritten = (ratio: number) => Number(ratio.toFixed(4));

type Box = { key: string; basis: number; grow: number; inner?: Box[] };

function boxes(items: readonly RowItem[], height: number): Box[] {
  return items.map((item) => {
    if ("ratio" in item) return { key: item.key, basis: asWritten(item.ratio) * height, grow: item.ratio };
    const inner = item.batch.map((p) => ({ key: p.key, basis: asWritten(p.ratio) * height, grow: p.ratio }));
    const sum = item.batch.reduce((total, p) => total + p.ratio, 0);
    const chrome = 2 * BATCH_PAD + (item.batch.length - 1) * BATCH_GAP;
    return { key: item.key, basis: asWritten(sum) * height + chrome, grow: sum, inner };
  });
}

/** flex-wrap's lines: an item goes on the line while it fits (hypothetical sizes, min-width 0). */
function lines(items: Box[], width: number, gap: number): Box[][] {
  const out: Box[][] = [];
  let line: Box[] = [];
  let used = 0;
  for (const item of items) {
    const size = Math.min(item.basis, width);
    if (line.length > 0 && used + gap + size > width) {
      out.push(line);
      line = [];
      used = 0;
    }
    used += (line.length > 0 ? gap : 0) + size;
    line.push(item);
  }
  if (line.length > 0) out.push(line);
  return out;
}

/** How much taller than the row height filling `width` would make this line. */
function stretchOf(line: Box[], width: number, gap: number, height: number): number {
  const used = line.reduce((total, item) => total + item.basis, 0) + gap * (line.length - 1);
  const grow = line.reduce((total, item) => total + item.grow, 0);
  return 1 + Math.max(0, width - used) / (height * grow);
}

/**
 * The keys of the tiles (and batch frames) that must not grow at this list
 * width. The list's last row is left to its filler (it keeps the row height
 * whatever these say); a batch wider than the list wraps its pictures, and
 * its own rows are judged the same way, its last one included.
 */
export function heldAt(items: readonly RowItem[], width: number): Set<string> {
  const height = rowHeight(width);
  const gap = listGap(width);
  const held = new Set<string>();
  const all = lines(boxes(items, height), width, gap);
  all.forEach((line, index) => {
    const last = index === all.length - 1;
    if (!last && stretchOf(line, width, gap, height) > MAX_STRETCH) for (const item of line) held.add(item.key);
    const wrapped = line.length === 1 && line[0].inner && line[0].basis > width ? line[0].inner : undefined;
    if (!wrapped) return;
    const inside = width - 2 * BATCH_PAD;
    for (const row of lines(wrapped, inside, BATCH_GAP)) {
      if (stretchOf(row, inside, BATCH_GAP, height) > MAX_STRETCH) for (const item of row) held.add(item.key);
    }
  });
  return held;
}

/**
 * Container-query rules that hold each tile at its row height over the widths
 * where its row is not full (heldAt over every width of WIDTHS; the first and
 * last ranges are open-ended). Empty when no row ever needs it.
 */
export function heldRowsCss(items: readonly RowItem[], selector: (key: string) => string): string {
  if (items.length === 0) return "";
  // key → the widths it is held at, as [from, to) ranges.
  const ranges = new Map<string, [number, number][]>();
  let previous = new Set<string>();
  for (let width = WIDTHS.from; width <= WIDTHS.to + 1; width++) {
    const now = width <= WIDTHS.to ? heldAt(items, width) : new Set<string>();
    for (const key of now) {
      if (previous.has(key)) continue;
      const list = ranges.get(key) ?? [];
      list.push([width, Infinity]);
      ranges.set(key, list);
    }
    for (const key of previous) if (!now.has(key)) ranges.get(key)!.at(-1)![1] = width;
    previous = now;
  }
  // One rule per range, naming every tile held over it (a row's tiles share theirs).
  const byRange = new Map<string, string[]>();
  for (const [key, list] of ranges) {
    for (const [from, to] of list) {
      const low = from === WIDTHS.from ? "" : `(width>=${from}px)`;
      const high = to > WIDTHS.to ? "" : `(width<${to}px)`;
      const query = [low, high].filter(Boolean).join(" and ") || "(width>=0px)";
      byRange.set(query, [...(byRange.get(query) ?? []), selector(key)]);
    }
  }
  return [...byRange].map(([query, selectors]) => `@container ${query}{${selectors.join(",")}{flex-grow:0!important}}`).join("");
}
