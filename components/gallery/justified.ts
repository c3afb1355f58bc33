import type { CSSProperties } from "react";

// Justified rows (the Flickr / Google Photos layout) in CSS alone, so the
// server's HTML already has the final geometry and nothing moves when the
// page hydrates: every tile's flex-basis is its aspect ratio times the row
// height wanted, and it grows in proportion to that ratio, so the tiles of a
// row stay equally tall while the row fills the list. The row height follows
// the list's own width (a container query: 150–260 px, a quarter of it), the
// gap is 8 px below 640 px and 12 px above, and a pseudo-element that takes
// all the free space of the last row keeps its tiles at the wanted height.
// A row that is not full keeps the wanted height too: rules from
// lib/client/justified-rows.ts, rendered with the list, stop its tiles'
// growth at the widths where filling it would blow them up.

/** On the element that wraps the list: the container the tiles' sizes are read from. */
export const JUSTIFIED_CONTAINER = "@container";

/** On the list itself. */
export const JUSTIFIED_LIST = "flex flex-wrap gap-2 @min-[640px]:gap-3 after:grow-[1000000] after:content-['']";

/**
 * On the gallery's list, with `<span hidden data-list-end />` right after it:
 * the list stays invisible until that mark is parsed. A browser may paint a
 * page whose HTML is still arriving, and half a list lays its first row out
 * as the last one (the pseudo-element keeps it short), so the row would grow
 * and shift when the rest arrives. The rest of the page paints as soon as it
 * can; an invisible list moving is no layout shift.
 */
export const SHOWN_ONCE_PARSED = "[&:not(:has(~[data-list-end]))]:invisible";

/** On each tile (`min-w-0` alongside). */
export function tileStyle(ratio: number): CSSProperties {
  return { flexGrow: ratio, flexBasis: `calc(${ratio.toFixed(4)} * clamp(150px, 25cqw, 260px))` };
}

/**
 * On a batch's `<li>`: as wide as its pictures laid side by side (plus the
 * frame's padding and gaps, `chromePx`), growing like them; its own list
 * wraps when the row is narrower (a phone), with the same row height, since
 * the group is no container and cqw still reads the gallery's width.
 */
export function groupStyle(ratios: readonly number[], chromePx: number): CSSProperties {
  const sum = ratios.reduce((total, r) => total + r, 0);
  return { flexGrow: sum, flexBasis: `calc(${sum.toFixed(4)} * clamp(150px, 25cqw, 260px) + ${chromePx}px)` };
}

/** A tile's `data-tile`, which justified-rows' rules select: its index in the gallery (a batch's frame: its first picture's). */
export function tileKey(index: number, kind: "picture" | "batch" = "picture"): string {
  return kind === "batch" ? `b${index}` : String(index);
}

/**
 * On a batch's own list of pictures: no filler, so its pictures grow with
 * the frame when its row stretches; when the batch wraps (wider than the
 * gallery), its last row is held at the row height by the same rules.
 */
export const BATCH_LIST = "flex flex-wrap gap-1.5";
