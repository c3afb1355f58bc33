import { describe, expect, it } from "vitest";
import { groupBatches } from "./batches";
import { frameRunRows } from "./run-frames";

const item = (id: string, batchId: string, runId: string | null = null) => ({ id, batchId, runId });

describe("frameRunRows", () => {
  it("frames a run's one-picture row, and leaves other single pictures and batches as they were", () => {
    const items = [item("a", "bat_1", "run_1"), item("b", "bat_2"), item("c", "bat_3", "run_1"), item("d", "bat_3", "run_1")];
    expect(frameRunRows(groupBatches(items))).toEqual([
      { kind: "batch", batchId: "bat_1", items: [items[0]], start: 0 },
      { kind: "single", item: items[1], index: 1 },
      { kind: "batch", batchId: "bat_3", items: [items[2], items[3]], start: 2 },
    ]);
  });
});
