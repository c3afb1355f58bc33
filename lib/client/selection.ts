// Which pictures of the gallery are selected, as plain data: every change is a
// function from one selection to the next, so the rules (toggle, shift-click
// ranges, select all, pruning what left the list) are tested without a
// browser. `order` is always the gallery's order of selectable pictures.

export type Selection = {
  readonly ids: ReadonlySet<string>;
  /** The picture clicked last: a shift-click selects from here. */
  readonly anchor: string | null;
};

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

/** Selects or unselects one picture; it becomes the anchor of the next range. */
export function toggle(selection: Selection, id: string): Selection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/**
 * Shift-click: adds every picture between the anchor and this one (both
 * included, whichever comes first). Without an anchor still in the list it is
 * a plain toggle.
 */
export function selectRange(selection: Selection, order: readonly string[], id: string): Selection {
  const to = order.indexOf(id);
  const from = selection.anchor === null ? -1 : order.indexOf(selection.anchor);
  if (to < 0) return selection;
  if (from < 0) return toggle(selection, id);
  const ids = new Set(selection.ids);
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) ids.add(order[i]);
  return { ids, anchor: id };
}

/** Every picture loaded so far. */
export function selectAll(selection: Selection, order: readonly string[]): Selection {
  return { ids: new Set(order), anchor: selection.anchor };
}

export function clearSelection(): Selection {
  return EMPTY_SELECTION;
}

/**
 * Keeps only the ids still in the list (deleted, filtered away, taken off the
 * board). The same object comes back when nothing left, so React does not
 * re-render for nothing.
 */
export function prune(selection: Selection, present: readonly string[]): Selection {
  if (selection.ids.size === 0) return selection;
  const here = new Set(present);
  const ids = new Set([...selection.ids].filter((id) => here.has(id)));
  const anchor = selection.anchor !== null && here.has(selection.anchor) ? selection.anchor : null;
  if (ids.size === selection.ids.size && anchor === selection.anchor) return selection;
  return ids.size === 0 ? EMPTY_SELECTION : { ids, anchor };
}

/** The selected ids in gallery order (what a request or a drag carries). */
export function selectedInOrder(selection: Selection, order: readonly string[]): string[] {
  return order.filter((id) => selection.ids.has(id));
}

/**
 * Where a person's place is once `removed` leave the list: the first id after
 * the first removed one that stays, else the nearest before it; null when
 * nothing stays or nothing of `removed` was in the list.
 */
export function neighbourOutside(order: readonly string[], removed: ReadonlySet<string>): string | null {
  const first = order.findIndex((id) => removed.has(id));
  if (first < 0) return null;
  const after = order.slice(first + 1).find((id) => !removed.has(id));
  if (after !== undefined) return after;
  return order.slice(0, first).findLast((id) => !removed.has(id)) ?? null;
}
