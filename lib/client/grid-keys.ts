// The gallery's arrow keys: the cards are one Tab stop
// (a roving tabindex) and the arrows move between them, as in a WAI-ARIA
// layout grid. The rows are the browser's (justified, batches framed inside
// them), so Up and Down are read from where each card is on the screen.

export type CardBox = { left: number; top: number; width: number; height: number };

const GRID_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"]);

export const isGridKey = (key: string) => GRID_KEYS.has(key);

/** The index of the card a key moves to from `from`, or undefined (not a grid key, or nothing that way). */
export function cardToFocus(input: { key: string; from: number; boxes: readonly CardBox[] }): number | undefined {
  const { key, from, boxes } = input;
  const last = boxes.length - 1;
  if (key === "Home") return last >= 0 ? 0 : undefined;
  if (key === "End") return last >= 0 ? last : undefined;
  if (key === "ArrowRight") return from < last ? from + 1 : undefined;
  if (key === "ArrowLeft") return from > 0 ? from - 1 : undefined;
  if (key === "ArrowDown") return nearestInRow({ boxes, from, below: true });
  if (key === "ArrowUp") return nearestInRow({ boxes, from, below: false });
  return undefined;
}

/**
 * The next row down (or up) is the cards starting below the middle of this
 * one (ending above it) whose top (bottom) is nearest; of those, the one
 * whose middle is nearest this one's middle, across.
 */
function nearestInRow(input: { boxes: readonly CardBox[]; from: number; below: boolean }): number | undefined {
  const { boxes, from, below } = input;
  const here = boxes[from];
  const middle = here.top + here.height / 2;
  const across = here.left + here.width / 2;
  const candidates = boxes
    .map((box, index) => ({ box, index }))
    .filter(({ box, index }) => index !== from && (below ? box.top >= middle : box.top + box.height <= middle));
  if (candidates.length === 0) return undefined;
  const edge = (box: CardBox) => (below ? box.top : -(box.top + box.height));
  const nearest = Math.min(...candidates.map(({ box }) => edge(box)));
  // A row's cards start within half a row of each other (batch frames shift theirs a little).
  const row = candidates.filter(({ box }) => edge(box) - nearest < box.height / 2);
  row.sort((a, b) => Math.abs(a.box.left + a.box.width / 2 - across) - Math.abs(b.box.left + b.box.width / 2 - across));
  return row[0].index;
}
