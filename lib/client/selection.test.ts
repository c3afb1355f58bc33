import { describe, expect, it } from "vitest";
import { EMPTY_SELECTION, clearSelection, neighbourOutside, offersMatching, prune, selectAll, selectMatching, selectRange, selectedInOrder, toggle, without, zipPart } from "./selection";

const order = ["g1", "g2", "g3", "g4", "g5", "g6"];
const ids = (s: { ids: ReadonlySet<string> }) => [...s.ids].sort();

describe("selection", () => {
  it("toggles one picture on and off, remembering it as the anchor", () => {
    const one = toggle(EMPTY_SELECTION, "g2");
    expect(ids(one)).toEqual(["g2"]);
    expect(one.anchor).toBe("g2");
    const none = toggle(one, "g2");
    expect(ids(none)).toEqual([]);
    expect(none.anchor).toBe("g2");
  });

  it("shift-click adds the range from the last clicked to this one, in either direction", () => {
    const down = selectRange(toggle(EMPTY_SELECTION, "g2"), order, "g5");
    expect(ids(down)).toEqual(["g2", "g3", "g4", "g5"]);
    expect(down.anchor).toBe("g5");
    const up = selectRange(toggle(EMPTY_SELECTION, "g5"), order, "g3");
    expect(ids(up)).toEqual(["g3", "g4", "g5"]);
  });

  it("a range keeps what was selected outside it and chains from the last click", () => {
    let s = toggle(EMPTY_SELECTION, "g1");
    s = toggle(s, "g4");
    s = selectRange(s, order, "g6");
    expect(ids(s)).toEqual(["g1", "g4", "g5", "g6"]);
    s = selectRange(s, order, "g3");
    expect(ids(s)).toEqual(["g1", "g3", "g4", "g5", "g6"]);
  });

  it("shift-click without an anchor (or with one that left the list) is a plain toggle", () => {
    expect(ids(selectRange(EMPTY_SELECTION, order, "g3"))).toEqual(["g3"]);
    const stale = { ids: new Set(["g1"]), anchor: "gone" };
    expect(ids(selectRange(stale, order, "g3"))).toEqual(["g1", "g3"]);
  });

  it("shift-click on a picture not in the list changes nothing", () => {
    const s = toggle(EMPTY_SELECTION, "g1");
    expect(selectRange(s, order, "elsewhere")).toBe(s);
  });

  it("select all takes every loaded picture; clear empties", () => {
    const all = selectAll(toggle(EMPTY_SELECTION, "g2"), order);
    expect(ids(all)).toEqual(order);
    expect(all.anchor).toBe("g2");
    expect(clearSelection().ids.size).toBe(0);
  });

  it("prune drops ids that left the list and keeps the same object when nothing did", () => {
    const s = selectRange(toggle(EMPTY_SELECTION, "g2"), order, "g4");
    expect(prune(s, order)).toBe(s);
    const pruned = prune(s, ["g1", "g3", "g5"]);
    expect(ids(pruned)).toEqual(["g3"]);
    expect(pruned.anchor).toBeNull();
    expect(prune(s, [])).toBe(EMPTY_SELECTION);
  });

  it("lists the selected ids in gallery order, not in click order", () => {
    let s = toggle(EMPTY_SELECTION, "g5");
    s = toggle(s, "g1");
    s = toggle(s, "g3");
    expect(selectedInOrder(s, order)).toEqual(["g1", "g3", "g5"]);
  });
});

describe("neighbourOutside", () => {
  const order = ["g5", "g4", "g3", "g2", "g1"];
  it("is the first that stays after the first removed, else the nearest before it", () => {
    expect(neighbourOutside(order, new Set(["g4", "g3"]))).toBe("g2");
    expect(neighbourOutside(order, new Set(["g4", "g2"]))).toBe("g3");
    expect(neighbourOutside(order, new Set(["g5"]))).toBe("g4");
    expect(neighbourOutside(order, new Set(["g2", "g1"]))).toBe("g3");
    expect(neighbourOutside(order, new Set(["g5", "g2", "g1"]))).toBe("g4");
  });
  it("is null when nothing stays or nothing removed was there", () => {
    expect(neighbourOutside(order, new Set(order))).toBeNull();
    expect(neighbourOutside(order, new Set(["g9"]))).toBeNull();
    expect(neighbourOutside([], new Set(["g1"]))).toBeNull();
  });
});

describe("select all N matching", () => {
  // The gallery newest first: 24 of 40 loaded (gen_40 … gen_17); the server matched all 40.
  const pad = (n: number) => `gen_${String(n).padStart(2, "0")}`;
  const loaded = Array.from({ length: 24 }, (_, i) => pad(40 - i));
  const matched = Array.from({ length: 40 }, (_, i) => pad(40 - i));
  const scope = "/api/generations?q=sunset+synthwave";

  it("is offered after select all, while more pictures match than are loaded", () => {
    const all = selectAll(EMPTY_SELECTION, loaded);
    expect(offersMatching(all, { loaded, hasMore: true })).toBe(true);
    expect(offersMatching(all, { loaded, hasMore: false })).toBe(false);
    expect(offersMatching(toggle(all, pad(40)), { loaded, hasMore: true })).toBe(false);
    expect(offersMatching(EMPTY_SELECTION, { loaded, hasMore: true })).toBe(false);
    expect(offersMatching(selectMatching(all, { ids: matched, total: 40, scope }), { loaded, hasMore: true })).toBe(false);
  });

  it("holds every id the server matched, loaded or not: the loaded ones in gallery order, then the rest newest first", () => {
    const s = selectMatching(selectAll(EMPTY_SELECTION, loaded), { ids: [...matched].reverse(), total: 40, scope });
    expect(s.ids.size).toBe(40);
    expect(s.matching).toEqual({ total: 40, scope });
    const shuffled = [pad(17), ...loaded.slice(0, 23)];
    expect(selectedInOrder(s, shuffled)).toEqual([...shuffled, ...matched.slice(23).filter((id) => id !== pad(17))]);
  });

  it("keeps the pictures not loaded yet, and lets go of loaded ones that left the gallery or were unselected", () => {
    let s = selectMatching(selectAll(EMPTY_SELECTION, loaded), { ids: matched, total: 40, scope });
    expect(prune(s, loaded, scope)).toBe(s);
    // gen_39 deleted meanwhile: gone from the loaded pages, so from the selection.
    s = prune(s, loaded.filter((id) => id !== pad(39)), scope);
    expect(s.ids.has(pad(39))).toBe(false);
    expect(s.ids.has(pad(1))).toBe(true);
    expect(s.ids.size).toBe(39);
    s = toggle(s, pad(30));
    expect(s.ids.size).toBe(38);
    expect(s.matching?.total).toBe(40);
    // More pages loaded: the ones that arrived stay selected.
    expect(prune(s, matched.filter((id) => id !== pad(39)), scope)).toBe(s);
  });

  it("another filter lets go of it all", () => {
    const s = selectMatching(selectAll(EMPTY_SELECTION, loaded), { ids: matched, total: 40, scope });
    expect(prune(s, loaded, "/api/generations?q=sunset")).toBe(EMPTY_SELECTION);
    // An ordinary selection knows no filter: what stays loaded stays selected.
    const plain = selectAll(EMPTY_SELECTION, loaded);
    expect(prune(plain, loaded, "/api/generations?q=other")).toBe(plain);
  });

  it("deleted pictures leave it, loaded or not", () => {
    const s = selectMatching(selectAll(EMPTY_SELECTION, loaded), { ids: matched, total: 40, scope });
    const after = without(s, [pad(40), pad(2), pad(1)]);
    expect(after.ids.size).toBe(37);
    expect(after.ids.has(pad(2))).toBe(false);
    expect(after.matching).toEqual(s.matching);
    expect(without(s, ["gen_99"])).toBe(s);
    expect(without(s, matched)).toBe(EMPTY_SELECTION);
  });

  it("a ZIP takes at most 200: the first 200 of a bigger selection", () => {
    const many = Array.from({ length: 450 }, (_, i) => `gen_${String(1000 - i)}`);
    expect(zipPart(many, 200)).toEqual({ ids: many.slice(0, 200), cut: true });
    expect(zipPart(many.slice(0, 200), 200)).toEqual({ ids: many.slice(0, 200), cut: false });
  });
});
