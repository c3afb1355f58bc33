import { describe, expect, it } from "vitest";
import { makeBoard, makeRow, makeUser, T0 } from "@/lib/db/shared/test-rows";
import type { ListingChanges, StudioDatabase } from "@/lib/db/types";
import { secondOf, type ContractOptions } from "./context";

// The gallery's change marker (listingChanges): every change a listing could
// show moves one of its marks, anyone's change for everyone, a person's
// stars for that person only, a board's pictures for that board only.

export function describeChanges(options: ContractOptions): void {
  const { open } = options;

  async function withPeople(db: StudioDatabase, ...names: string[]) {
    const people = names.map((name) => makeUser({ name }));
    for (const person of people) await db.insertUser(person);
    return people;
  }

  const NOTHING: ListingChanges = { updated: null, deleted: null, stars: { count: 0, newest: null } };

  describe("the gallery's change marker", () => {
    it("an empty studio: no marks, and a board's part only when a board is asked about", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      expect(await db.listingChanges({ userId: alice.id })).toEqual(NOTHING);
      expect(await db.listingChanges({ userId: alice.id, boardId: "brd_NOSUCHBOARD" })).toEqual({ ...NOTHING, board: { count: 0, newest: null } });
    });

    it("a new row by anyone, and any update stamped later, move the newest update; an older stamp elsewhere does not", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const mine = makeRow({ createdBy: "alice", updatedAt: T0 });
      await db.insertGenerations({ rows: [mine] });
      expect((await db.listingChanges({ userId: alice.id })).updated).toBe(T0);

      // Someone else's picture: the marker is the whole studio's.
      await db.insertGenerations({ rows: [makeRow({ createdBy: "bob", createdAt: T0 + 5, updatedAt: T0 + 5 })] });
      expect((await db.listingChanges({ userId: alice.id })).updated).toBe(T0 + 5);

      // Progress, completion, a cancel: each update stamps its time.
      await db.updateGeneration({ id: mine.id, patch: { status: "processing", progress: 40, updatedAt: T0 + 9 } });
      expect((await db.listingChanges({ userId: alice.id })).updated).toBe(T0 + 9);
      await db.updateGeneration({ id: mine.id, patch: { cancelledAt: T0 + 12, updatedAt: T0 + 12 } });
      expect((await db.listingChanges({ userId: alice.id })).updated).toBe(T0 + 12);
      await db.insertGenerations({ rows: [makeRow({ createdBy: "carol", updatedAt: T0 + 1 })] });
      expect((await db.listingChanges({ userId: alice.id })).updated).toBe(T0 + 12);
    });

    it("a delete stamps its time, and leaves the newest update alone", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const rows = [makeRow({ updatedAt: T0 }), makeRow({ updatedAt: T0 + 1 })];
      await db.insertGenerations({ rows });
      const before = Date.now();
      await db.deleteGeneration(rows[1].id);
      const after = Date.now();
      const marks = await db.listingChanges({ userId: alice.id });
      expect(marks.deleted).toBeGreaterThanOrEqual(before);
      expect(marks.deleted).toBeLessThanOrEqual(after);
      // The newest row is gone: only the delete's stamp says so.
      expect(marks.updated).toBe(T0);
      await db.deleteGeneration(rows[0].id);
      const emptied = await db.listingChanges({ userId: alice.id });
      expect(emptied.updated).toBeNull();
      expect(emptied.deleted).toBeGreaterThanOrEqual(marks.deleted!);
    });

    it("stars are each person's: a star moves its person's count and newest, an unstar the count, a picture's delete takes its stars", async () => {
      const { db } = await open();
      const [alice, bob] = await withPeople(db, "alice", "bob");
      const rows = [makeRow(), makeRow(), makeRow()];
      await db.insertGenerations({ rows });
      await db.setFavorite({ userId: alice.id, generationId: rows[0].id, favorite: true, now: T0 + 10 });
      await db.setFavorite({ userId: alice.id, generationId: rows[1].id, favorite: true, now: T0 + 20 });
      expect((await db.listingChanges({ userId: alice.id })).stars).toEqual({ count: 2, newest: T0 + 20 });
      expect((await db.listingChanges({ userId: bob.id })).stars).toEqual({ count: 0, newest: null });

      // An unstar of the newest and a star of another: the count stays, the newest moves.
      await db.setFavorite({ userId: alice.id, generationId: rows[1].id, favorite: false, now: T0 + 30 });
      expect((await db.listingChanges({ userId: alice.id })).stars).toEqual({ count: 1, newest: T0 + 10 });
      await db.setFavorite({ userId: alice.id, generationId: rows[2].id, favorite: true, now: T0 + 40 });
      expect((await db.listingChanges({ userId: alice.id })).stars).toEqual({ count: 2, newest: T0 + 40 });

      await db.setFavorite({ userId: bob.id, generationId: rows[2].id, favorite: true, now: T0 + 50 });
      expect((await db.listingChanges({ userId: alice.id })).stars).toEqual({ count: 2, newest: T0 + 40 });
      await db.deleteGeneration(rows[2].id);
      expect((await db.listingChanges({ userId: alice.id })).stars).toEqual({ count: 1, newest: T0 + 10 });
      expect((await db.listingChanges({ userId: bob.id })).stars).toEqual({ count: 0, newest: null });
    });

    it("a board's pictures: putting one on moves its count and newest, taking one off its count; another board's stay", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const rows = [makeRow(), makeRow(), makeRow()];
      await db.insertGenerations({ rows });
      const board = makeBoard({ ownerId: alice.id });
      const other = makeBoard({ ownerId: alice.id });
      await db.insertBoard(board);
      await db.insertBoard(other);
      const onBoard = async (boardId: string) => (await db.listingChanges({ userId: alice.id, boardId })).board;

      await db.addBoardItems({ boardId: board.id, generationIds: [rows[0].id, rows[1].id], now: T0 + 100 });
      expect(await onBoard(board.id)).toEqual({ count: 2, newest: T0 + 100 });
      await db.addBoardItems({ boardId: other.id, generationIds: [rows[2].id], now: T0 + 200 });
      expect(await onBoard(board.id)).toEqual({ count: 2, newest: T0 + 100 });
      expect(await onBoard(other.id)).toEqual({ count: 1, newest: T0 + 200 });

      await db.removeBoardItems({ boardId: board.id, generationIds: [rows[1].id] });
      expect(await onBoard(board.id)).toEqual({ count: 1, newest: T0 + 100 });
      await db.addBoardItems({ boardId: board.id, generationIds: [rows[1].id], now: T0 + 300 });
      expect(await onBoard(board.id)).toEqual({ count: 2, newest: T0 + 300 });
    });

    it("a change made by another instance (or connection) shows in this one's marker at once", async () => {
      const fixture = await open();
      const { db } = fixture;
      const other = await secondOf(fixture);
      const [alice] = await withPeople(db, "alice");
      const row = makeRow({ updatedAt: T0 });
      await db.insertGenerations({ rows: [row] });
      expect((await db.listingChanges({ userId: alice.id })).updated).toBe(T0);
      await other.updateGeneration({ id: row.id, patch: { status: "processing", progress: 10, updatedAt: T0 + 1 } });
      expect((await db.listingChanges({ userId: alice.id })).updated).toBe(T0 + 1);
      await other.setFavorite({ userId: alice.id, generationId: row.id, favorite: true, now: T0 + 2 });
      expect((await db.listingChanges({ userId: alice.id })).stars).toEqual({ count: 1, newest: T0 + 2 });
      await other.deleteGeneration(row.id);
      const marks = await db.listingChanges({ userId: alice.id });
      expect(marks.deleted).not.toBeNull();
      expect(marks.stars.count).toBe(0);
    });
  });
}
