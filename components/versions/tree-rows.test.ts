import { describe, expect, it } from "vitest";
import type { VersionNode } from "@/lib/contract";
import { treeRows } from "./tree-rows";

// Ids sort in the order the versions were made, as ULIDs do.
const id = (n: number) => `gen_${String(n).padStart(26, "0")}`;

function live(n: number, parent: number | null, children: number[]): VersionNode {
  return {
    id: id(n),
    upstreamId: null,
    model: "nano_banana_2",
    prompt: `version ${n}`,
    aspectRatio: "auto",
    imageSize: null,
    referenceCount: parent === null ? 0 : 1,
    references: [],
    status: "completed",
    progress: 100,
    error: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    completedAt: "2026-01-01T00:00:00.000Z",
    image: null,
    favorite: false,
    createdBy: "ann",
    saving: null,
    unansweredSince: null,
    batchId: id(n),
    cancelledAt: null,
    position: null,
    parentId: parent === null ? null : id(parent),
    rootId: id(1),
    versions: 1,
    templateId: null,
    runId: null,
    children: children.map(id),
  };
}
const deleted = (n: number, parent: number | null, children: number[]): VersionNode => ({
  id: id(n),
  deleted: true,
  parentId: parent === null ? null : id(parent),
  children: children.map(id),
});
const shape = (rows: ReturnType<typeof treeRows>) => rows.map((r) => [Number(r.node.id.slice(4)), r.depth, r.branch, r.onPath]);

describe("treeRows", () => {
  it("keeps a line flat, puts a branch one deeper right under the version it grows from, and marks the path to the shown one", () => {
    // 1 → 2 → 3, and 1 → 4 (a branch from the original); the server sends the path to the newest first.
    const items = [live(1, null, [2, 4]), live(4, 1, []), live(2, 1, [3]), live(3, 2, [])];
    expect(shape(treeRows(items, id(1), id(3)))).toEqual([
      [1, 0, false, true],
      [4, 1, true, false],
      [2, 0, false, true],
      [3, 0, false, true],
    ]);
    expect(treeRows(items, id(1), id(4)).filter((r) => r.onPath).map((r) => r.number)).toEqual([0, 3]);
  });

  it("numbers the original 0 and the others in the order they were made, whatever order they arrive in", () => {
    const items = [live(1, null, [2, 3]), live(3, 1, []), live(2, 1, [])];
    expect(treeRows(items, id(1), id(1)).map((r) => [r.node.id, r.number])).toEqual([
      [id(1), 0],
      [id(3), 2],
      [id(2), 1],
    ]);
  });

  it("shows a deleted version in its place and says its children lost their parent", () => {
    const items = [live(1, null, [2]), deleted(2, 1, [3, 4]), live(3, 2, []), live(4, 2, [])];
    const rows = treeRows(items, id(1), id(4));
    expect(shape(rows)).toEqual([
      [1, 0, false, true],
      [2, 0, false, true],
      [4, 1, true, true],
      [3, 0, false, false],
    ]);
    expect(rows.map((r) => r.parentDeleted)).toEqual([false, false, true, true]);
  });

  it("lists a chain of 1,000 versions flat, without recursion", () => {
    const items = Array.from({ length: 1000 }, (_, i) => live(i + 1, i === 0 ? null : i, i === 999 ? [] : [i + 2]));
    const rows = treeRows(items.toReversed(), id(1), id(1000));
    expect(rows).toHaveLength(1000);
    expect(rows.every((r) => r.depth === 0 && r.onPath)).toBe(true);
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it("never drops a version it cannot reach from the original", () => {
    const items = [live(1, null, []), live(5, 9, [])];
    expect(treeRows(items, id(1), id(5)).map((r) => r.node.id)).toEqual([id(1), id(5)]);
  });
});
