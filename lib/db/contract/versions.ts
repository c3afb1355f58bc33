import { describe, expect, it } from "vitest";
import { makeRow } from "@/lib/db/shared/test-rows";
import type { GenerationRow, StudioDatabase } from "@/lib/db/types";
import { ids, newestFirst, type ContractOptions } from "./context";

// Edit threads: a picture's parent and the tree it grows in (listTree,
// versionCounts), what a delete keeps of a version, and the gallery's one card
// per tree (ListFilter.newestVersions).

/** A version made from `parent`: its child in the same tree. */
const editOf = (parent: GenerationRow, overrides: Partial<GenerationRow> = {}) =>
  makeRow({ parentId: parent.id, rootId: parent.rootId, status: "completed", ...overrides });

/** Each live version's parent, as listTree answers it. */
const parents = (rows: readonly GenerationRow[]) => Object.fromEntries(rows.map((row) => [row.id, row.parentId]));

export function describeVersions(options: ContractOptions): void {
  const { open } = options;

  /** An original A with two edits B and C, and D an edit of B; another tree X beside it. */
  async function branched(db: StudioDatabase) {
    const a = makeRow({ status: "completed", prompt: "a red fox" });
    const x = makeRow({ status: "completed", prompt: "a lighthouse" });
    const b = editOf(a, { prompt: "make it night" });
    const c = editOf(a, { prompt: "add snow" });
    const d = editOf(b, { prompt: "remove the moon" });
    await db.insertGenerations({ rows: [a, x, b, c, d] });
    return { a, b, c, d, x };
  }

  describe("edit threads", () => {
    it("stores a row given no tree as an original: its own root, no parent", async () => {
      const { db } = await open();
      const row = makeRow({ rootId: null });
      await db.insertGenerations({ rows: [row] });
      const stored = await db.getGeneration(row.id);
      expect(stored?.rootId).toBe(row.id);
      expect(stored?.parentId).toBeNull();
      expect(await db.listTree(row.id)).toEqual({ rows: [stored], deleted: [] });
    });

    it("lists a branched tree oldest first with each version's parent, and no other tree", async () => {
      const { db } = await open();
      const { a, b, c, d, x } = await branched(db);
      const tree = await db.listTree(a.id);
      expect(ids(tree.rows)).toEqual([a.id, b.id, c.id, d.id]);
      expect(parents(tree.rows)).toEqual({ [a.id]: null, [b.id]: a.id, [c.id]: a.id, [d.id]: b.id });
      expect(tree.rows.every((row) => row.rootId === a.id)).toBe(true);
      expect(tree.deleted).toEqual([]);
      expect(ids((await db.listTree(x.id)).rows)).toEqual([x.id]);
      expect(await db.listTree("gen_01NOSUCHTREE0000000000000")).toEqual({ rows: [], deleted: [] });
      expect(await db.versionCounts([a.id, x.id, "gen_01NOSUCHTREE0000000000000"])).toEqual(new Map([[a.id, 4], [x.id, 1]]));
      expect(await db.versionCounts([])).toEqual(new Map());
    });

    it("lists a deep chain whole, each version the child of the one before", async () => {
      const { db } = await open();
      const chain = [makeRow({ status: "completed" })];
      for (let i = 1; i < 60; i++) chain.push(editOf(chain[i - 1], { prompt: `turn ${i}` }));
      await db.insertGenerations({ rows: chain });
      const tree = await db.listTree(chain[0].id);
      expect(ids(tree.rows)).toEqual(ids(chain));
      expect(tree.rows.slice(1).every((row, i) => row.parentId === chain[i].id)).toBe(true);
    });

    it("keeps a deleted middle version's place: its children keep their parent, the tree lists it as deleted", async () => {
      const { db } = await open();
      const { a, b, c, d } = await branched(db);
      const gone = await db.deleteGeneration(b.id);
      expect(gone?.row.id).toBe(b.id);
      const tree = await db.listTree(a.id);
      expect(ids(tree.rows)).toEqual([a.id, c.id, d.id]);
      expect(parents(tree.rows)[d.id]).toBe(b.id);
      expect(tree.deleted).toEqual([{ id: b.id, parentId: a.id, rootId: a.id, createdAt: b.createdAt, deletedAt: expect.any(Number) }]);
      expect(await db.versionCounts([a.id])).toEqual(new Map([[a.id, 3]]));
      // The original deleted too: the tree is still its, its versions still listed.
      await db.deleteGeneration(a.id);
      const orphaned = await db.listTree(a.id);
      expect(ids(orphaned.rows)).toEqual([c.id, d.id]);
      expect(orphaned.deleted.map((version) => [version.id, version.parentId])).toEqual([
        [a.id, null],
        [b.id, a.id],
      ]);
    });

    it("lists a tree of 1,000 versions whole", async () => {
      const { db } = await open();
      const root = makeRow({ status: "completed" });
      const rows = [root];
      // Ten branches of a hundred turns each, all from the original.
      for (let branch = 0; branch < 10; branch++) {
        let parent = root;
        for (let turn = branch === 0 ? 1 : 0; turn < 100; turn++) {
          parent = editOf(parent, { prompt: `branch ${branch} turn ${turn}` });
          rows.push(parent);
        }
      }
      expect(rows).toHaveLength(1_000);
      await db.insertGenerations({ rows });
      const tree = await db.listTree(root.id);
      expect(ids(tree.rows)).toEqual([...ids(rows)].sort());
      expect(parents(tree.rows)).toEqual(parents(rows));
      expect(await db.versionCounts([root.id])).toEqual(new Map([[root.id, 1_000]]));
    });

    describe("one card per tree (newestVersions)", () => {
      it("shows a tree's newest version only; every version without it", async () => {
        const { db } = await open();
        const { a, b, c, d, x } = await branched(db);
        expect(ids(await db.listGenerations({ newestVersions: true, limit: 100 }))).toEqual(newestFirst([d, x]));
        expect(ids(await db.listGenerations({ limit: 100 }))).toEqual(newestFirst([a, b, c, d, x]));
        expect(await db.countGenerations({ newestVersions: true })).toBe(2);
        expect(await db.listGenerationIds({ newestVersions: true, limit: 100 })).toEqual(newestFirst([d, x]));
        // Keyset pages walk the same cards.
        const first = await db.listGenerations({ newestVersions: true, limit: 1 });
        const second = await db.listGenerations({ newestVersions: true, limit: 1, beforeId: first[0].id });
        expect([...ids(first), ...ids(second)]).toEqual(newestFirst([d, x]));
      });

      it("lets a failed newer version hide nothing, unless failures are what is asked for", async () => {
        const { db } = await open();
        const { d, x } = await branched(db);
        const failed = editOf(d, { status: "failed", prompt: "make it impossible" });
        const running = makeRow({ status: "processing", parentId: x.id, rootId: x.rootId });
        await db.insertGenerations({ rows: [failed, running] });
        expect(ids(await db.listGenerations({ newestVersions: true, limit: 100 }))).toEqual(newestFirst([d, failed, running]));
        expect(ids(await db.listGenerations({ newestVersions: true, status: "completed", limit: 100 }))).toEqual(newestFirst([d, x]));
        expect(ids(await db.listGenerations({ newestVersions: true, status: "failed", limit: 100 }))).toEqual([failed.id]);
        expect(ids(await db.listGenerations({ newestVersions: true, status: "active", limit: 100 }))).toEqual([running.id]);
      });

      it("reads the newest version among the person's own and the model asked for", async () => {
        const { db } = await open();
        const original = makeRow({ status: "completed", createdBy: "alice", model: "nano_banana_2" });
        const teammates = editOf(original, { createdBy: "bob", model: "nano_banana_pro" });
        await db.insertGenerations({ rows: [original, teammates] });
        expect(ids(await db.listGenerations({ newestVersions: true, createdBy: "alice", limit: 100 }))).toEqual([original.id]);
        expect(ids(await db.listGenerations({ newestVersions: true, createdBy: "bob", limit: 100 }))).toEqual([teammates.id]);
        expect(ids(await db.listGenerations({ newestVersions: true, model: "nano_banana_2", limit: 100 }))).toEqual([original.id]);
        expect(ids(await db.listGenerations({ newestVersions: true, limit: 100 }))).toEqual([teammates.id]);
      });
    });
  });
}
