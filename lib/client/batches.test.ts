import { describe, expect, it } from "vitest";
import { groupBatches, isBatchId } from "./batches";

const item = (id: string, batchId: string) => ({ id, batchId });

describe("groupBatches", () => {
  it("groups consecutive items of one batch and leaves a lone picture a single card", () => {
    const items = [item("a", "b1"), item("b", "b1"), item("c", "b1"), item("d", "b2"), item("e", "b3"), item("f", "b3")];
    const segments = groupBatches(items);
    expect(segments.map((s) => (s.kind === "batch" ? `${s.batchId}@${s.start}:${s.items.map((i) => i.id).join("")}` : `single ${s.item.id}@${s.index}`))).toEqual([
      "b1@0:abc",
      "single d@3",
      "b3@4:ef",
    ]);
  });

  it("does not join items of one batch that something else separates", () => {
    const segments = groupBatches([item("a", "b1"), item("b", "b2"), item("c", "b1")]);
    expect(segments.map((s) => s.kind)).toEqual(["single", "single", "single"]);
  });

  it("keeps every item exactly once, in order", () => {
    const items = [item("a", "x"), item("b", "x"), item("c", "y"), item("d", "z"), item("e", "z")];
    const flat = groupBatches(items).flatMap((s) => (s.kind === "batch" ? s.items : [s.item]));
    expect(flat).toEqual(items);
    expect(groupBatches([])).toEqual([]);
  });
});

describe("isBatchId", () => {
  it("accepts batch and generation ids and nothing else", () => {
    expect(isBatchId("bat_01J0000000000000000000000A")).toBe(true);
    expect(isBatchId("gen_01J0000000000000000000000A")).toBe(true);
    expect(isBatchId("brd_01J0000000000000000000000A")).toBe(false);
    expect(isBatchId("bat_short")).toBe(false);
    expect(isBatchId(null)).toBe(false);
  });
});
