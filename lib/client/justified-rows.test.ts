import { describe, expect, it } from "vitest";
import { MAX_STRETCH, WIDTHS, heldAt, heldRowsCss, rowHeight, type RowItem } from "./justified-rows";

// A row that is not full keeps the row height, as justified
// galleries do; only rows close to full stretch to the list's width.

const WIDE = 16 / 9;
const picture = (key: string, ratio = 1): RowItem => ({ key, ratio });
const batch = (key: string, ratios: number[]): RowItem => ({ key, batch: ratios.map((ratio, i) => ({ key: `${key}.${i}`, ratio })) });

describe("heldAt: the tiles whose row is not full", () => {
  it("a lone picture before a batch too wide to sit beside it keeps the row height (the desktop gallery, 980 px)", () => {
    const items = [picture("new", WIDE), batch("b", [1, 1, 1, 1]), picture("old")];
    expect(heldAt(items, 980).has("new")).toBe(true);
  });

  it("a row of pictures that nearly fills the width stretches", () => {
    // Three squares to a row at 980 px: filling it makes them 1.3× taller.
    const squares = Array.from({ length: 7 }, (_, i) => picture(`p${i}`));
    const held = heldAt(squares, 980);
    expect(["p0", "p1", "p2", "p3", "p4", "p5"].some((k) => held.has(k))).toBe(false);
  });

  it("leaves the last row to the list's filler", () => {
    expect(heldAt([picture("only", WIDE)], 980).size).toBe(0);
  });

  it("a batch wider than the list wraps its pictures: its rows are judged too, its last one included", () => {
    const held = heldAt([batch("b", [1, 1, 1, 1])], 980);
    // 968 px inside the frame: three squares stretch 1.3×, the fourth alone would grow 3.9×.
    expect([...held]).toEqual(["b.3"]);
  });

  it("a batch and pictures sharing a row stretch together when it is nearly full", () => {
    const items = [batch("b", [1, 1]), picture("p"), picture("next", WIDE), picture("last")];
    // 2·245 + 30 (frame) + 12 + 245 = 777; the 16:9 picture (436) does not fit: 1 + 203 / (3·245) = 1.28.
    expect(heldAt(items, 980).size).toBe(0);
    expect(1 + 203 / (3 * rowHeight(980))).toBeLessThan(MAX_STRETCH);
  });

  it("on a phone (366 px) a square cannot sit beside a wide picture: it keeps the row height", () => {
    const items = [picture("sq"), picture("wide", WIDE), picture("last")];
    expect(heldAt(items, 366).has("sq")).toBe(true);
  });
});

describe("heldRowsCss: the same as container-query rules, for every width", () => {
  const items = [picture("0", WIDE), batch("b1", [1, 1, 1, 1]), picture("5")];
  const css = heldRowsCss(items, (key) => `[data-tile="${key}"]`);

  it("names the lone picture over a range of widths that holds the desktop's 980 px", () => {
    const rules = [...css.matchAll(/@container ([^{]*)\{([^{]*)\{flex-grow:0!important\}\}/g)];
    const covering = rules.filter(([, query]) => {
      const low = /width>=(\d+)px/.exec(query);
      const high = /width<(\d+)px/.exec(query);
      return (!low || Number(low[1]) <= 980) && (!high || 980 < Number(high[1]));
    });
    expect(covering.some(([, , selectors]) => selectors.split(",").includes('[data-tile="0"]'))).toBe(true);
  });

  it("agrees with heldAt at every width", () => {
    const rules = [...css.matchAll(/@container ([^{]*)\{([^{]*)\{flex-grow:0!important\}\}/g)].map(([, query, selectors]) => ({
      low: Number(/width>=(\d+)px/.exec(query)?.[1] ?? -Infinity),
      high: Number(/width<(\d+)px/.exec(query)?.[1] ?? Infinity),
      selectors: selectors.split(","),
    }));
    for (const width of [WIDTHS.from - 50, 300, 366, 640, 700, 980, 1140, 1560, WIDTHS.to + 200]) {
      const fromCss = new Set(rules.filter((r) => r.low <= width && width < r.high).flatMap((r) => r.selectors));
      const clamped = Math.min(Math.max(width, WIDTHS.from), WIDTHS.to);
      const expected = [...heldAt(items, clamped)].map((key) => `[data-tile="${key}"]`);
      expect(new Set(expected)).toEqual(fromCss);
    }
  });

  it("is empty for an empty gallery", () => {
    expect(heldRowsCss([], String)).toBe("");
  });
});
