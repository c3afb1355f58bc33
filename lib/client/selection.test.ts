import { describe, expect, it } from "vitest";
import { EMPTY_SELECTION, clearSelection, neighbourOutside, prune, selectAll, selectRange, selectedInOrder, toggle } from "./selection";

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
