import type { Generation, ListGenerationsResponse } from "@/lib/contract";
import type { FeedFilters } from "@/lib/contract-feed";
import { ACTIVE_STATUSES, promptMatches } from "@/lib/contract-values";

// The rules of the gallery's feed (lib/client/use-feed.ts), pure: the page
// shows two lists SWR keeps apart, the gallery's cursor pages and the active
// list it polls, and these decide what the page shows from both and how each
// changes when a picture is made, finishes, is acted on or is deleted. A
// list that is not there yet (undefined) stays so.

type Page = ListGenerationsResponse;

export const isActive = (g: Generation) => ACTIVE_STATUSES.includes(g.status);

/**
 * Whether the gallery under `filters` lists `g`, as far as the browser can
 * tell (`user`: the viewer, for "mine"). The picture alone: whether a newer
 * version of its tree takes its card (one card per tree) is feedItems'
 * business, which sees the versions the page holds.
 */
export function matches(g: Generation, f: FeedFilters, user: string): boolean {
  if (f.status === "active" && !isActive(g)) return false;
  if ((f.status === "completed" || f.status === "failed") && g.status !== f.status) return false;
  if (f.model && g.model !== f.model) return false;
  if (f.favorite && !g.favorite) return false;
  if (f.mine && g.createdBy !== user) return false;
  // Every word, in any order, as the server matches q.
  if (f.q.trim() && !promptMatches(g.prompt, f.q)) return false;
  if (f.batch && g.batchId !== f.batch) return false;
  if (f.run && g.runId !== f.run) return false;
  // Whether it is on the board only the server knows: the board's pages say so, the active list does not.
  if (f.board) return false;
  return true;
}

/**
 * Whether the gallery under `f` shows one card per tree, the tree's newest
 * version, as the server decides it (lib/generations/reads.ts): a search,
 * the stars, a board or a batch is asked about the very pictures, and
 * "Every version" about all of them, so every version they match shows.
 */
function oneCardPerTree(f: FeedFilters): boolean {
  return f.versions !== "all" && !f.q.trim() && !f.favorite && !f.board && !f.batch && !f.run;
}

/**
 * The shown ones without those a newer version of their tree takes the card
 * of (the server's newestOfTree, on what the page holds): each shown one
 * matched the status, model and person asked for, as the newer version must;
 * without a status asked for, a failed version hides nothing, the picture it
 * failed to change stays beside it. So an edit just made replaces its tree's
 * card at once, and the card comes back if the edit fails.
 */
function newestOfEachTree(items: Generation[], f: FeedFilters): Generation[] {
  const newest = new Map<string, string>();
  for (const g of items) {
    if (f.status === "all" && g.status === "failed") continue;
    const held = newest.get(g.rootId);
    if (held === undefined || g.id > held) newest.set(g.rootId, g.id);
  }
  return items.filter((g) => {
    const held = newest.get(g.rootId);
    return held === undefined || g.id >= held;
  });
}

/**
 * What the page shows, newest first: active ones the pages do not hold yet
 * (just created) when they match, then every one the pages hold, as the
 * active list last saw it where it is there; under one card per tree, a
 * tree's newest version only.
 */
export function feedItems(input: { active: Generation[]; pages: Page[]; filters: FeedFilters; user: string }): Generation[] {
  const fresh = new Map(input.active.map((g) => [g.id, g]));
  const seen = new Set<string>();
  const out: Generation[] = [];
  for (const g of input.active) {
    if (!seen.has(g.id) && matches(g, input.filters, input.user)) {
      out.push(g);
      seen.add(g.id);
    }
  }
  for (const page of input.pages) {
    for (const g of page.items) {
      if (seen.has(g.id)) continue;
      seen.add(g.id);
      out.push(fresh.get(g.id) ?? g);
    }
  }
  const shown = oneCardPerTree(input.filters) ? newestOfEachTree(out, input.filters) : out;
  return shown.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** The ones of `before` that `now` no longer lists: they left the active list (finished, failed, or gone). */
export function leftActive(before: Generation[], now: Generation[]): Generation[] {
  const still = new Set(now.map((g) => g.id));
  return before.filter((g) => !still.has(g.id));
}

/** Pages with `finished` in place of their stale copies; ones no page holds yet go on top of the first. */
export function keepFinished(pages: Page[] | undefined, finished: Generation[]): Page[] | undefined {
  if (!pages || pages.length === 0) return pages;
  const byId = new Map(finished.map((g) => [g.id, g]));
  const held = new Set<string>();
  const next = pages.map((p) => ({
    ...p,
    items: p.items.map((x) => {
      const last = byId.get(x.id);
      if (!last) return x;
      held.add(x.id);
      return last;
    }),
  }));
  next[0] = { ...next[0], items: [...finished.filter((g) => !held.has(g.id)), ...next[0].items] };
  return next;
}

/**
 * Pages with a freshly read first page merged in, without re-reading the
 * others: new and changed ones come from `fresh`; a held one newer than
 * fresh's oldest but missing from it is gone (deleted, or no longer matching).
 */
export function mergeFirstPage(pages: Page[] | undefined, fresh: Page): Page[] {
  if (!pages || pages.length === 0) return [fresh];
  if (!fresh.nextCursor) return [fresh]; // fresh holds everything there is
  const oldest = fresh.items[fresh.items.length - 1]?.id ?? "";
  const byId = new Map(fresh.items.map((g) => [g.id, g]));
  const keep = (g: Generation) => !byId.has(g.id) && g.id < oldest;
  const next = pages.map((p) => ({ ...p, items: p.items.filter(keep) }));
  next[0] = { ...next[0], items: [...fresh.items, ...next[0].items] };
  return next;
}

/**
 * The active list with just-created generations on top (the active ones;
 * finished ones are the pages' business). A replayed request (same
 * idempotency key) answers generations the list may already hold: held once.
 */
export function withCreated(list: Page | undefined, created: Generation[]): Page {
  const ids = new Set(created.map((g) => g.id));
  return {
    items: [...created.filter((g) => isActive(g)), ...(list?.items ?? []).filter((g) => !ids.has(g.id))],
    nextCursor: list?.nextCursor ?? null,
  };
}

/** A page (the active list, or one of the gallery's) with `g` in place of its copy. */
export const replacedOn = (page: Page, g: Generation): Page => ({ ...page, items: page.items.map((x) => (x.id === g.id ? g : x)) });

/** A page without the generation `id`. */
export const removedFrom = (page: Page, id: string): Page => ({ ...page, items: page.items.filter((x) => x.id !== id) });
