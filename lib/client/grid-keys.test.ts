import { describe, expect, it } from "vitest";
import { cardToFocus, type CardBox } from "./grid-keys";

// One Tab stop for the gallery, arrow keys between its
// cards. The cards are laid out in justified rows (and batches inside them),
// so "up" and "down" are read from where each card is on the screen.

// Two rows: three cards, then two (the second row's first card is wide).
//  [0][1][2]
//  [ 3  ][4]
const box = (left: number, top: number, width: number, height = 100): CardBox => ({ left, top, width, height });
const rows = [box(0, 0, 100), box(110, 0, 100), box(220, 0, 100), box(0, 110, 200), box(210, 110, 100)];

describe("cardToFocus", () => {
  it("Right and Left go to the next and previous card in reading order, and stop at the ends", () => {
    expect(cardToFocus({ key: "ArrowRight", from: 2, boxes: rows })).toBe(3);
    expect(cardToFocus({ key: "ArrowLeft", from: 3, boxes: rows })).toBe(2);
    expect(cardToFocus({ key: "ArrowLeft", from: 0, boxes: rows })).toBeUndefined();
    expect(cardToFocus({ key: "ArrowRight", from: 4, boxes: rows })).toBeUndefined();
  });

  it("Home and End go to the first and the last card", () => {
    expect(cardToFocus({ key: "Home", from: 3, boxes: rows })).toBe(0);
    expect(cardToFocus({ key: "End", from: 1, boxes: rows })).toBe(4);
  });

  it("Down goes to the card of the next row nearest below, Up to the row above", () => {
    expect(cardToFocus({ key: "ArrowDown", from: 0, boxes: rows })).toBe(3);
    expect(cardToFocus({ key: "ArrowDown", from: 2, boxes: rows })).toBe(4);
    expect(cardToFocus({ key: "ArrowUp", from: 4, boxes: rows })).toBe(2);
    expect(cardToFocus({ key: "ArrowUp", from: 3, boxes: rows })).toBe(0);
    expect(cardToFocus({ key: "ArrowUp", from: 1, boxes: rows })).toBeUndefined();
    expect(cardToFocus({ key: "ArrowDown", from: 3, boxes: rows })).toBeUndefined();
  });

  it("Down skips to the nearest row even when rows differ in height (a batch's rows inside its frame)", () => {
    //  [0 tall  ][1]
    //            [2]
    //  [3]
    const uneven = [box(0, 0, 200, 300), box(210, 0, 100), box(210, 110, 100), box(0, 310, 100)];
    expect(cardToFocus({ key: "ArrowDown", from: 1, boxes: uneven })).toBe(2);
    expect(cardToFocus({ key: "ArrowDown", from: 0, boxes: uneven })).toBe(3);
    expect(cardToFocus({ key: "ArrowUp", from: 3, boxes: uneven })).toBe(0);
  });

  it("other keys are not the grid's", () => {
    expect(cardToFocus({ key: "Enter", from: 0, boxes: rows })).toBeUndefined();
    expect(cardToFocus({ key: "a", from: 0, boxes: rows })).toBeUndefined();
  });
});
