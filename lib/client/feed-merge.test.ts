import { describe, expect, it } from "vitest";
import type { Generation, ListGenerationsResponse } from "@/lib/contract";
import { NO_FILTERS, type FeedFilters } from "@/lib/contract-feed";
import { feedItems, keepFinished, leftActive, matches, mergeFirstPage, removedFrom, replacedOn, withCreated } from "./feed-merge";

// The gallery's feed from its two lists (the cursor pages, the polled active
// list): what the page shows, and how each list changes.

/** gen(3) is newer than gen(2): ids sort by creation. */
function gen(n: number, over: Partial<Generation> = {}): Generation {
  const id = `gen_${String(n).padStart(26, "0")}`;
  return {
    id,
    upstreamId: null,
    model: "nano_banana_2",
    prompt: "a lighthouse at dusk",
    aspectRatio: "1:1",
    imageSize: null,
    referenceCount: 0,
    references: [],
    status: "completed",
    progress: 100,
    error: null,
    createdAt: "2026-12-20T10:00:00.000Z",
    updatedAt: "2026-12-20T10:00:00.000Z",
    completedAt: null,
    image: null,
    favorite: false,
    createdBy: "ann",
    batchId: "bat_1",
    saving: null,
    unansweredSince: null,
    cancelledAt: null,
    parentId: null,
    rootId: id,
    versions: 1,
    templateId: null,
    runId: null,
    ...over,
  } as Generation;
}
/** Version `n` of the tree whose original is `parent`'s, made from `parent` (an edit). */
const editOf = (parent: Generation, n: number, over: Partial<Generation> = {}) =>
  gen(n, { parentId: parent.id, rootId: parent.rootId, prompt: "make it night", batchId: `bat_${n}`, ...over });
const running = (n: number, over: Partial<Generation> = {}) => gen(n, { status: "processing", progress: 40, ...over });
const page = (items: Generation[], nextCursor: string | null = null): ListGenerationsResponse => ({ items, nextCursor });
const ids = (items: Generation[]) => items.map((g) => Number(g.id.slice(4)));
const filters = (over: Partial<FeedFilters>): FeedFilters => ({ ...NO_FILTERS, ...over });

describe("matches: whether the gallery under its filters lists a picture", () => {
  it("lists everything under no filter", () => {
    expect(matches(gen(1), NO_FILTERS, "ann")).toBe(true);
    expect(matches(running(1), NO_FILTERS, "bob")).toBe(true);
  });

  it("status: active, completed and failed", () => {
    expect(matches(running(1), filters({ status: "active" }), "ann")).toBe(true);
    expect(matches(gen(1, { status: "waiting" }), filters({ status: "active" }), "ann")).toBe(true);
    expect(matches(gen(1), filters({ status: "active" }), "ann")).toBe(false);
    expect(matches(gen(1), filters({ status: "completed" }), "ann")).toBe(true);
    expect(matches(running(1), filters({ status: "completed" }), "ann")).toBe(false);
    expect(matches(gen(1, { status: "failed" }), filters({ status: "failed" }), "ann")).toBe(true);
    expect(matches(gen(1), filters({ status: "failed" }), "ann")).toBe(false);
  });

  it("model, favorites, mine and batch", () => {
    expect(matches(gen(1), filters({ model: "nano_banana_2" }), "ann")).toBe(true);
    expect(matches(gen(1), filters({ model: "nano_banana_pro" }), "ann")).toBe(false);
    expect(matches(gen(1, { favorite: true }), filters({ favorite: true }), "ann")).toBe(true);
    expect(matches(gen(1), filters({ favorite: true }), "ann")).toBe(false);
    expect(matches(gen(1), filters({ mine: true }), "ann")).toBe(true);
    expect(matches(gen(1), filters({ mine: true }), "bob")).toBe(false);
    expect(matches(gen(1), filters({ batch: "bat_1" }), "ann")).toBe(true);
    expect(matches(gen(1), filters({ batch: "bat_2" }), "ann")).toBe(false);
  });

  it("search: every word, in any order, as the server matches", () => {
    expect(matches(gen(1), filters({ q: "dusk LIGHTHOUSE" }), "ann")).toBe(true);
    expect(matches(gen(1), filters({ q: "   " }), "ann")).toBe(true);
    expect(matches(gen(1), filters({ q: "lighthouse dawn" }), "ann")).toBe(false);
  });

  it("judges a just-made edit by itself, under one card per tree as under every version", () => {
    const edit = editOf(gen(1), 2, { status: "queued" });
    expect(matches(edit, NO_FILTERS, "ann")).toBe(true);
    expect(matches(edit, filters({ versions: "all" }), "ann")).toBe(true);
    expect(matches(edit, filters({ status: "completed" }), "ann")).toBe(false);
    expect(matches(edit, filters({ q: "night" }), "ann")).toBe(true);
    expect(matches(edit, filters({ q: "lighthouse" }), "ann")).toBe(false);
  });

  it("on a board, only the board's pages know what is on it: nothing else is listed", () => {
    expect(matches(gen(1), filters({ board: "brd_1" }), "ann")).toBe(false);
    expect(matches(running(1), filters({ board: "brd_1" }), "ann")).toBe(false);
  });
});

describe("feedItems: what the page shows from both lists", () => {
  it("puts active ones the pages do not hold on top, newest first, each once", () => {
    const shown = feedItems({ active: [running(5), running(4)], pages: [page([gen(3), gen(2)]), page([gen(1)])], filters: NO_FILTERS, user: "ann" });
    expect(ids(shown)).toEqual([5, 4, 3, 2, 1]);
  });

  it("shows a held one as the active list last saw it", () => {
    const polled = running(2, { progress: 90 });
    const shown = feedItems({ active: [polled], pages: [page([gen(3), running(2, { progress: 10 })])], filters: NO_FILTERS, user: "ann" });
    expect(shown[1]).toBe(polled);
  });

  it("leaves out active ones that do not match, unless the pages (read under the filters) hold them", () => {
    const mine = filters({ mine: true });
    expect(ids(feedItems({ active: [running(3, { createdBy: "bob" })], pages: [page([gen(1)])], filters: mine, user: "ann" }))).toEqual([1]);
    const held = running(3, { createdBy: "bob" });
    expect(feedItems({ active: [held], pages: [page([gen(3, { createdBy: "bob", status: "queued" }), gen(1)])], filters: mine, user: "ann" })[0]).toBe(held);
  });

  it("keeps the server's order by id even when the pages overlap", () => {
    expect(ids(feedItems({ active: [], pages: [page([gen(4), gen(2)]), page([gen(3), gen(2), gen(1)])], filters: NO_FILTERS, user: "ann" }))).toEqual([4, 3, 2, 1]);
  });
});

describe("feedItems under one card per tree (the gallery's default)", () => {
  const original = gen(2);
  const held = () => [page([gen(3), original, gen(1)])];

  it("a just-made edit replaces its tree's card: the parent's card goes, the new version's takes the top", () => {
    const edit = editOf(original, 5, { status: "submitting", progress: 0, versions: 2 });
    expect(ids(feedItems({ active: [edit], pages: held(), filters: NO_FILTERS, user: "ann" }))).toEqual([5, 3, 1]);
  });

  it("an edit of an older version replaces the card of the tree's newest one", () => {
    const newest = editOf(original, 4);
    const branch = editOf(original, 6, { status: "processing" });
    expect(ids(feedItems({ active: [branch], pages: [page([newest, gen(3), gen(1)])], filters: NO_FILTERS, user: "ann" }))).toEqual([6, 3, 1]);
  });

  it("keeps the card of a version that finished while a newer one of its tree is still in progress hidden", () => {
    const finished = editOf(original, 5);
    const pages = keepFinished(held(), [finished])!;
    expect(ids(feedItems({ active: [editOf(original, 6, { status: "processing" })], pages, filters: NO_FILTERS, user: "ann" }))).toEqual([6, 3, 1]);
    expect(ids(feedItems({ active: [], pages, filters: NO_FILTERS, user: "ann" }))).toEqual([5, 3, 1]);
  });

  it("gives the card back when the edit fails: a failed version hides nothing, unless failures are asked for", () => {
    const failed = editOf(original, 5, { status: "failed" });
    const pages = keepFinished(held(), [failed])!;
    expect(ids(feedItems({ active: [], pages, filters: NO_FILTERS, user: "ann" }))).toEqual([5, 3, 2, 1]);
    const older = editOf(original, 4, { status: "failed" });
    const onlyFailed = filters({ status: "failed" });
    expect(ids(feedItems({ active: [], pages: [page([failed, older])], filters: onlyFailed, user: "ann" }))).toEqual([5]);
  });

  it("the newest version among those listed: a teammate's newer one does not hide mine under Mine, but does in the team's gallery", () => {
    const teammates = editOf(original, 5, { createdBy: "bob", status: "processing" });
    expect(ids(feedItems({ active: [teammates], pages: held(), filters: filters({ mine: true }), user: "ann" }))).toEqual([3, 2, 1]);
    expect(ids(feedItems({ active: [teammates], pages: held(), filters: NO_FILTERS, user: "ann" }))).toEqual([5, 3, 1]);
  });

  it("a teammate's version on the fresh first page hides its tree's card held on a later page", () => {
    const pages = mergeFirstPage([page([gen(6), gen(5)], "c1"), page([original, gen(1)])], page([editOf(original, 7), gen(6)], "c0"));
    expect(ids(feedItems({ active: [], pages, filters: NO_FILTERS, user: "ann" }))).toEqual([7, 6, 5, 1]);
  });

  it("lists every version under Every version, a search, the stars, a board and a batch", () => {
    const edit = editOf(original, 5, { favorite: true, batchId: "bat_1", prompt: "a lighthouse at night" });
    const pages = [page([edit, gen(3), gen(2, { favorite: true })])];
    for (const f of [filters({ versions: "all" }), filters({ q: "lighthouse" }), filters({ favorite: true }), filters({ board: "brd_1" }), filters({ batch: "bat_1" })]) {
      expect(ids(feedItems({ active: [], pages, filters: f, user: "ann" })), JSON.stringify(f)).toEqual([5, 3, 2]);
    }
    const running = editOf(original, 6, { status: "processing", progress: 10 });
    expect(ids(feedItems({ active: [running], pages: held(), filters: filters({ versions: "all" }), user: "ann" }))).toEqual([6, 3, 2, 1]);
  });
});

describe("leftActive: the ones that left the active list", () => {
  it("names what the last poll no longer lists", () => {
    expect(ids(leftActive([running(3), running(2), running(1)], [running(3)]))).toEqual([2, 1]);
    expect(leftActive([], [running(1)])).toEqual([]);
  });
});

describe("keepFinished: the pages hold a finished one as last seen until they are re-read", () => {
  it("replaces a stale copy in place", () => {
    const done = gen(2, { progress: 100 });
    const next = keepFinished([page([gen(3), running(2)], "c1"), page([gen(1)])], [done]);
    expect(next?.[0].items[1]).toBe(done);
    expect(ids(next![0].items)).toEqual([3, 2]);
    expect(next?.[0].nextCursor).toBe("c1");
  });

  it("puts one no page holds yet on top of the first page", () => {
    const next = keepFinished([page([gen(3)]), page([gen(1)])], [gen(5), gen(4)]);
    expect(ids(next![0].items)).toEqual([5, 4, 3]);
    expect(ids(next![1].items)).toEqual([1]);
  });

  it("leaves pages that are not there yet alone", () => {
    expect(keepFinished(undefined, [gen(1)])).toBeUndefined();
    expect(keepFinished([], [gen(1)])).toEqual([]);
  });
});

describe("mergeFirstPage: a fresh first page merged in without re-reading the others", () => {
  it("is the fresh page alone when nothing is held, or when it holds everything there is", () => {
    const fresh = page([gen(2), gen(1)]);
    expect(mergeFirstPage(undefined, fresh)).toEqual([fresh]);
    expect(mergeFirstPage([], fresh)).toEqual([fresh]);
    expect(mergeFirstPage([page([gen(9)], "c"), page([gen(8)])], fresh)).toEqual([fresh]);
  });

  it("takes new and changed ones from fresh and keeps the older held ones", () => {
    const changed = gen(5, { favorite: true });
    const next = mergeFirstPage([page([gen(5), gen(4)], "c1"), page([gen(3), gen(2)])], page([gen(6), changed], "c0"));
    expect(ids(next[0].items)).toEqual([6, 5, 4]);
    expect(next[0].items[1]).toBe(changed);
    expect(ids(next[1].items)).toEqual([3, 2]);
  });

  it("drops a held one newer than fresh's oldest that fresh no longer lists (deleted, or no longer matching)", () => {
    const next = mergeFirstPage([page([gen(6), gen(5), gen(4)], "c1"), page([gen(2)])], page([gen(7), gen(6), gen(4)], "c0"));
    expect(ids(next.flatMap((p) => p.items))).toEqual([7, 6, 4, 2]);
  });
});

describe("withCreated: the active list with just-created ones", () => {
  it("puts the active ones on top and leaves finished ones to the pages", () => {
    const next = withCreated(page([running(1)], null), [running(3), gen(2)]);
    expect(ids(next.items)).toEqual([3, 1]);
    expect(next.nextCursor).toBeNull();
  });

  it("holds a replayed request's generations once, as answered", () => {
    const again = running(2, { progress: 70 });
    const next = withCreated(page([running(2, { progress: 10 }), running(1)], "c"), [again]);
    expect(next.items).toEqual([again, running(1)]);
    expect(next.nextCursor).toBe("c");
  });

  it("starts a list that is not there yet", () => {
    expect(withCreated(undefined, [running(1)])).toEqual({ items: [running(1)], nextCursor: null });
  });
});

describe("replacedOn and removedFrom: one page after an action", () => {
  it("replaces one in place and removes one, leaving the cursor", () => {
    const starred = gen(2, { favorite: true });
    expect(replacedOn(page([gen(3), gen(2)], "c"), starred)).toEqual(page([gen(3), starred], "c"));
    expect(removedFrom(page([gen(3), gen(2)], "c"), gen(3).id)).toEqual(page([gen(2)], "c"));
  });
});
