import { describe, expect, it } from "vitest";
import { genId, makeBoard, makeRow, makeUser, T0 } from "@/lib/db/shared/test-rows";
import type { StudioDatabase } from "@/lib/db/types";

// The 100,000-row test, one body for both engines, printing its times. Each
// engine's bulk.test.ts runs it on its own (it is slow, and not part of the
// contract suite every change runs through).

const MODELS = ["nano_banana_2", "nano_banana_pro", "nano_banana_pro-2K"] as const;
const STATUSES = ["completed", "completed", "completed", "failed", "queued"] as const;

export function describeBulk(options: { kind: StudioDatabase["kind"]; open(): Promise<{ db: StudioDatabase }>; timeoutMs: number }): void {
  const { kind } = options;
  describe(`at 100,000 rows (${kind})`, () => {
    it("inserts them in one call and still lists, counts and reads them", { timeout: options.timeoutMs }, async () => {
      const { db } = await options.open();
      const rows = Array.from({ length: 100_000 }, (_, i) =>
        makeRow({
          id: genId(),
          imageKey: STATUSES[i % STATUSES.length] === "completed" ? `images/${i}.png` : null,
          prompt: `picture number ${i} of a long and winding road`,
          model: MODELS[i % MODELS.length],
          status: STATUSES[i % STATUSES.length],
          createdBy: `user${i % 50}`,
          createdAt: T0 + i,
        }),
      );
      const started = performance.now();
      const result = await db.insertGenerations({ rows });
      const insertMs = performance.now() - started;
      console.log(`${kind} insertGenerations: 100,000 rows in ${Math.round(insertMs)} ms`);
      expect(result.created).toBe(true);

      const timed = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
        const t = performance.now();
        const value = await run();
        console.log(`${kind} ${label}: ${(performance.now() - t).toFixed(1)} ms`);
        return value;
      };
      const page = await timed("list page, no filter", () => db.listGenerations({ limit: 40 }));
      expect(page.map((r) => r.id)).toEqual(rows.slice(-40).reverse().map((r) => r.id));
      // One person starred every 170th picture; a deep page of those by user0.
      const fan = makeUser({ name: "fan" });
      await db.insertUser(fan);
      const starred = rows.filter((_, i) => i % 170 === 0);
      for (const row of starred) await db.setFavorite({ userId: fan.id, generationId: row.id, favorite: true, now: T0 });
      const deep = await timed("list page, favoriteOf + person + beforeId", () =>
        db.listGenerations({ favoriteOf: fan.id, createdBy: "user0", beforeId: rows[50_000].id, limit: 40 }),
      );
      const expected = starred.filter((r) => r.createdBy === "user0" && r.id < rows[50_000].id).reverse();
      expect(deep.map((r) => r.id)).toEqual(expected.slice(0, 40).map((r) => r.id));
      const starredIds = new Set(starred.map((r) => r.id));
      expect(await timed("favoritesAmong, a page of 40", () => db.favoritesAmong({ userId: fan.id, generationIds: page.map((r) => r.id) }))).toEqual(
        new Set(page.map((r) => r.id).filter((id) => starredIds.has(id))),
      );
      await timed("list page, active", () => db.listGenerations({ status: "active", limit: 40 }));
      const found = await timed("list page, q", () => db.listGenerations({ q: "NUMBER 99999", limit: 40 }));
      expect(found.map((r) => r.id)).toEqual([rows[99_999].id]);
      await timed("list page, q beyond ASCII", () => db.listGenerations({ q: "NÜMBER", limit: 40 }));
      expect(await timed("countActive", () => db.countActive())).toBe(20_000);
      expect(await timed("countActive per person", () => db.countActive({ createdBy: "user4" }))).toBe(2_000);
      expect(await timed("countCreatedSince", () => db.countCreatedSince({ createdBy: "user1", since: T0 + 99_000 }))).toBe(20);
      expect(await timed("listActive", () => db.listActive({ limit: 100 }))).toHaveLength(100);
      const byModel = await timed("usageGroups by model, every row", () => db.usageGroups({ from: T0, to: T0 + 100_000, groupBy: "model" }));
      expect(byModel.reduce((n, g) => n + g.completed + g.failed + g.active, 0)).toBe(100_000);
      expect(byModel.find((g) => g.key === "nano_banana_2")).toMatchObject({ completed: 20_000, failed: 6_667, active: 6_667 });
      const all = await timed("getGenerations, 100,000 ids", () => db.getGenerations(rows.map((r) => r.id)));
      expect(all).toHaveLength(100_000);
      expect(all[12_345]).toEqual(rows[12_345]);

      // A board holding every 9th picture (11,112, every status), added 200
      // at a time as the API takes them; its listing walks board_items' key.
      const board = makeBoard({ ownerId: fan.id });
      await db.insertBoard(board);
      const onBoard = rows.filter((_, i) => i % 9 === 0);
      let added = 0;
      for (let i = 0; i < onBoard.length; i += 200) {
        added += await db.addBoardItems({ boardId: board.id, generationIds: onBoard.slice(i, i + 200).map((r) => r.id), now: T0 });
      }
      expect(added).toBe(onBoard.length);
      const newestOnBoard = [...onBoard].reverse();
      const boardPage = await timed("list page, board", () => db.listGenerations({ board: board.id, limit: 40 }));
      expect(boardPage.map((r) => r.id)).toEqual(newestOnBoard.slice(0, 40).map((r) => r.id));
      const cursor = newestOnBoard[10_000].id;
      const deepBoard = await timed("list page, board + beforeId (90% down)", () => db.listGenerations({ board: board.id, beforeId: cursor, limit: 40 }));
      expect(deepBoard.map((r) => r.id)).toEqual(newestOnBoard.slice(10_001, 10_041).map((r) => r.id));
      const failedOnBoard = await timed("list page, board + status + person", () =>
        db.listGenerations({ board: board.id, status: "failed", createdBy: "user3", limit: 40 }),
      );
      expect(failedOnBoard.map((r) => r.id)).toEqual(newestOnBoard.filter((r) => r.status === "failed" && r.createdBy === "user3").slice(0, 40).map((r) => r.id));
      const [summary] = await timed("listBoards, one board of 11,112", () => db.listBoards({ viewerId: fan.id }));
      expect(summary).toMatchObject({ id: board.id, count: onBoard.length, coverId: newestOnBoard.find((r) => r.status === "completed")!.id });
    });
  });
}
