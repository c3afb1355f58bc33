// Which pictures of the gallery are selected, as plain data: every change is a
// function from one selection to the next, so the rules (toggle, shift-click
// ranges, select all, pruning what left the list) are tested without a
// browser. `order` is always the gallery's order of selectable pictures.

export type Selection = {
  readonly ids: ReadonlySet<string>;
  /** The picture clicked last: a shift-click selects from here. */
  readonly anchor: string | null;
  /**
   * "Select all N matching": `ids` holds what the server matched
   * for the gallery's filters (`scope`, the list's URL), loaded or not, and
   * `total` how many matched in all.
   */
  readonly matching?: { readonly total: number; readonly scope: string };
};

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

/** Selects or unselects one picture; it becomes the anchor of the next range. */
export function toggle(selection: Selection, id: string): Selection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ...selection, ids, anchor: id };
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
  return { ...selection, ids, anchor: id };
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
 * re-render for nothing. A selection of all matching keeps the ids not loaded
 * yet (older than the oldest loaded: the gallery is newest first), and is let
 * go whole when the gallery's filters (`scope`) change.
 */
export function prune(selection: Selection, present: readonly string[], scope?: string): Selection {
  if (selection.ids.size === 0) return selection;
  if (selection.matching && scope !== undefined && scope !== selection.matching.scope) return EMPTY_SELECTION;
  const here = new Set(present);
  const oldestLoaded = selection.matching && present.length > 0 ? present.reduce((a, b) => (b < a ? b : a)) : null;
  const stays = (id: string) => here.has(id) || (oldestLoaded !== null && id < oldestLoaded);
  const ids = new Set([...selection.ids].filter(stays));
  const anchor = selection.anchor !== null && here.has(selection.anchor) ? selection.anchor : null;
  if (ids.size === selection.ids.size && anchor === selection.anchor) return selection;
  if (ids.size === 0) return EMPTY_SELECTION;
  return selection.matching ? { ids, anchor, matching: selection.matching } : { ids, anchor };
}

/** The selected ids in gallery order (what a request or a drag carries); those not loaded follow, newest first. */
export function selectedInOrder(selection: Selection, order: readonly string[]): string[] {
  const loaded = order.filter((id) => selection.ids.has(id));
  if (!selection.matching) return loaded;
  const shown = new Set(order);
  const rest = [...selection.ids].filter((id) => !shown.has(id)).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  return [...loaded, ...rest];
}

/**
 * Whether to offer "Select all N matching": every loaded picture is selected
 * and the gallery has more to load (what the server matches is more than
 * what is loaded).
 */
export function offersMatching(selection: Selection, gallery: { loaded: readonly string[]; hasMore: boolean }): boolean {
  if (selection.matching || !gallery.hasMore || gallery.loaded.length === 0) return false;
  return gallery.loaded.every((id) => selection.ids.has(id));
}

/** Every picture the server matched for the gallery's filters (`scope`): GET /api/generations/ids. */
export function selectMatching(selection: Selection, matched: { ids: readonly string[]; total: number; scope: string }): Selection {
  return { ids: new Set(matched.ids), anchor: selection.anchor, matching: { total: matched.total, scope: matched.scope } };
}

/** A ZIP names at most `max` pictures: a bigger selection downloads its first `max`, and says so. */
export function zipPart(ids: readonly string[], max: number): { ids: string[]; cut: boolean } {
  return { ids: ids.slice(0, max), cut: ids.length > max };
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

/** The selection without `ids` (deleted ones: a selection of all matching holds some the gallery never loaded). */
export function without(selection: Selection, ids: readonly string[]): Selection {
  const gone = new Set(ids);
  if (![...selection.ids].some((id) => gone.has(id))) return selection;
  const kept = new Set([...selection.ids].filter((id) => !gone.has(id)));
  if (kept.size === 0) return EMPTY_SELECTION;
  return { ...selection, ids: kept, anchor: selection.anchor !== null && gone.has(selection.anchor) ? null : selection.anchor };
}
