import { describe, expect, it } from "vitest";
import { makeBoard, makeCompletedRow, makeRow, makeShare, makeUser, T0 } from "@/lib/db/shared/test-rows";
import type { BoardSummary, ShareSummary, StudioDatabase, UserRow } from "@/lib/db/types";
import { secondOf, type ContractOptions } from "./context";

// Boards and share links a page at a time, a cap per person on each
// (checked and written as one step, across connections), the finished
// pictures a board link could show, and the links that show a person's pictures.

export function describeBoardPagesAndCaps(options: ContractOptions): void {
  const { open } = options;

  async function withPeople(db: StudioDatabase, ...people: Partial<UserRow>[]) {
    const rows = people.map((p) => makeUser(p));
    for (const row of rows) await db.insertUser(row);
    return rows;
  }
  const boardIds = (rows: readonly BoardSummary[]) => rows.map((b) => b.id);
  const shareIds = (rows: readonly ShareSummary[]) => rows.map((s) => s.id);

  describe("board pages and caps", () => {
    it("listBoards pages by name (any case, any script) then id, every visible board once, none of others' private ones", async () => {
      const { db } = await open();
      const [alice, bob] = await withPeople(db, { name: "alice" }, { name: "bob" });
      const names = ["zeta", "Zeta", "zeta", "Alpha", "alpha", "Ωmega", "ωmega", "日本", "b", "B", "a'b", "a b"];
      for (const [i, name] of names.entries()) await db.insertBoard(makeBoard({ ownerId: i % 3 ? alice.id : bob.id, name }));
      await db.insertBoard(makeBoard({ ownerId: bob.id, name: "bob's secret", visibility: "private" }));
      const all = await db.listBoards({ viewerId: alice.id });
      expect(all).toHaveLength(names.length);
      for (const size of [1, 2, 5, names.length, 100]) {
        const seen: BoardSummary[] = [];
        for (;;) {
          const last = seen[seen.length - 1];
          const page = await db.listBoards({ viewerId: alice.id, limit: size, after: last && { name: last.name, id: last.id } });
          expect(page.length).toBeLessThanOrEqual(size);
          seen.push(...page);
          // (Past the number of boards: a limit not applied would loop forever.)
          if (page.length < size || seen.length > names.length) break;
        }
        // The same boards in the same order as the whole list, with their counts and covers.
        expect(seen).toEqual(all);
      }
      // A cursor whose board was renamed or deleted meanwhile still pages from its place.
      const [first, second] = all;
      await db.deleteBoard(first.id);
      expect(boardIds(await db.listBoards({ viewerId: alice.id, limit: 1, after: { name: first.name, id: first.id } }))).toEqual([second.id]);
      expect(await db.listBoards({ viewerId: alice.id, limit: 0 })).toEqual([]);
    });

    it("insertBoard with a cap: refused at the owner's cap (nothing written), others unaffected, no cap no limit", async () => {
      const { db } = await open();
      const [alice, bob] = await withPeople(db, { name: "alice" }, { name: "bob" });
      for (let i = 0; i < 3; i++) expect(await db.insertBoard(makeBoard({ ownerId: alice.id, visibility: i ? "private" : "team" }), { maxOwned: 3 })).toBe(true);
      const refused = makeBoard({ ownerId: alice.id });
      expect(await db.insertBoard(refused, { maxOwned: 3 })).toBe(false);
      expect(await db.getBoard(refused.id)).toBeUndefined();
      expect(await db.insertBoard(makeBoard({ ownerId: bob.id }), { maxOwned: 3 })).toBe(true);
      // The migration copies without a cap.
      expect(await db.insertBoard(makeBoard({ ownerId: alice.id }))).toBe(true);
    });

    it("concurrent board inserts by one person from two connections never pass the cap", async () => {
      const fixture = await open();
      const [alice] = await withPeople(fixture.db, { name: "alice" });
      const other = await secondOf(fixture);
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? other : fixture.db).insertBoard(makeBoard({ ownerId: alice.id }), { maxOwned: 5 })),
      );
      expect(results.filter(Boolean)).toHaveLength(5);
      expect((await fixture.db.listBoards({ viewerId: alice.id })).filter((b) => b.ownerId === alice.id)).toHaveLength(5);
    });

    it("countBoardPictures: finished pictures with an image on that board, all or one person's", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, { name: "alice" });
      const rows = [
        makeCompletedRow({ createdBy: "alice" }),
        makeCompletedRow({ createdBy: "alice" }),
        makeCompletedRow({ createdBy: "bob" }),
        makeCompletedRow({ createdBy: "bob", imageKey: null }),
        makeRow({ createdBy: "bob", status: "failed" }),
        makeRow({ createdBy: "alice", status: "queued" }),
      ];
      await db.insertGenerations({ rows });
      const board = makeBoard({ ownerId: alice.id });
      const other = makeBoard({ ownerId: alice.id });
      await db.insertBoard(board);
      await db.insertBoard(other);
      await db.addBoardItems({ boardId: board.id, generationIds: rows.map((r) => r.id), now: T0 });
      await db.addBoardItems({ boardId: other.id, generationIds: [rows[2].id], now: T0 });
      expect(await db.countBoardPictures({ boardId: board.id })).toBe(3);
      expect(await db.countBoardPictures({ boardId: board.id, createdBy: "alice" })).toBe(2);
      expect(await db.countBoardPictures({ boardId: board.id, createdBy: "bob" })).toBe(1);
      expect(await db.countBoardPictures({ boardId: other.id, createdBy: "alice" })).toBe(0);
      expect(await db.countBoardPictures({ boardId: "brd_missing" })).toBe(0);
    });
  });

  describe("share link caps, pages and who they show", () => {
    it("insertShare with a cap counts the maker's live links only: expired ones make room", async () => {
      const { db } = await open();
      const [alice, bob] = await withPeople(db, { name: "alice" }, { name: "bob" });
      const row = makeCompletedRow({ createdBy: "alice" });
      await db.insertGenerations({ rows: [row] });
      const now = T0 + 10_000;
      const cap = { maxLive: 2, now };
      expect(await db.insertShare(makeShare({ createdBy: alice.id, generationId: row.id, expiresAt: now }), cap)).toBe(true);
      expect(await db.insertShare(makeShare({ createdBy: alice.id, generationId: row.id }), cap)).toBe(true);
      expect(await db.insertShare(makeShare({ createdBy: alice.id, generationId: row.id, expiresAt: now + 1 }), cap)).toBe(true);
      const refused = makeShare({ createdBy: alice.id, generationId: row.id });
      expect(await db.insertShare(refused, cap)).toBe(false);
      expect(await db.getShare(refused.id)).toBeUndefined();
      expect(await db.insertShare(makeShare({ createdBy: bob.id, generationId: row.id }), cap)).toBe(true);
      expect(await db.insertShare(makeShare({ createdBy: alice.id, generationId: row.id }))).toBe(true);
    });

    it("concurrent link inserts by one person from two connections never pass the cap", async () => {
      const fixture = await open();
      const [alice] = await withPeople(fixture.db, { name: "alice" });
      const row = makeCompletedRow({ createdBy: "alice" });
      await fixture.db.insertGenerations({ rows: [row] });
      const other = await secondOf(fixture);
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? other : fixture.db).insertShare(makeShare({ createdBy: alice.id, generationId: row.id }), { maxLive: 4, now: T0 })),
      );
      expect(results.filter(Boolean)).toHaveLength(4);
      expect(await fixture.db.listShares({ createdBy: alice.id })).toHaveLength(4);
    });

    it("listShares pages newest first by id, and filters by picture, board and id", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, { name: "alice" });
      const row = makeCompletedRow({ createdBy: "alice" });
      await db.insertGenerations({ rows: [row] });
      const board = makeBoard({ ownerId: alice.id });
      await db.insertBoard(board);
      const made = Array.from({ length: 7 }, (_, i) => (i % 2 ? makeShare({ createdBy: alice.id, boardId: board.id }) : makeShare({ createdBy: alice.id, generationId: row.id })));
      for (const share of made) await db.insertShare(share);
      const newest = [...made].reverse().map((s) => s.id);
      const seen: string[] = [];
      let beforeId: string | undefined;
      for (;;) {
        const page = await db.listShares({ createdBy: alice.id, limit: 3, beforeId });
        seen.push(...shareIds(page));
        if (page.length < 3 || seen.length > made.length) break;
        beforeId = page[2].id;
      }
      expect(seen).toEqual(newest);
      expect(shareIds(await db.listShares({ boardId: board.id }))).toEqual(newest.filter((_, i) => i % 2 === 1));
      expect(shareIds(await db.listShares({ generationId: row.id }))).toEqual(newest.filter((_, i) => i % 2 === 0));
      expect(shareIds(await db.listShares({ id: made[3].id, createdBy: alice.id }))).toEqual([made[3].id]);
      expect(await db.listShares({ id: made[3].id, createdBy: "usr_other" })).toEqual([]);
    });

    it("showingPicturesOf: links to their pictures by anyone; board links by themselves or a current admin whose board holds one; live ones only", async () => {
      const { db } = await open();
      const [bob, ann, root, cy] = await withPeople(db, { name: "bob" }, { name: "ann" }, { name: "root", role: "admin" }, { name: "cy" });
      const bobs = makeCompletedRow({ createdBy: "bob", prompt: "bob's" });
      const bobsInFlight = makeRow({ createdBy: "bob", status: "queued" });
      const anns = makeCompletedRow({ createdBy: "ann", prompt: "ann's" });
      await db.insertGenerations({ rows: [bobs, bobsInFlight, anns] });
      const mixed = makeBoard({ ownerId: ann.id, name: "Mixed" });
      const annsOnly = makeBoard({ ownerId: ann.id, name: "Ann's only" });
      const bobsPending = makeBoard({ ownerId: ann.id, name: "Pending" });
      for (const b of [mixed, annsOnly, bobsPending]) await db.insertBoard(b);
      await db.addBoardItems({ boardId: mixed.id, generationIds: [bobs.id, anns.id], now: T0 });
      await db.addBoardItems({ boardId: annsOnly.id, generationIds: [anns.id], now: T0 });
      await db.addBoardItems({ boardId: bobsPending.id, generationIds: [bobsInFlight.id], now: T0 });

      const now = T0 + 1_000;
      const shows = {
        rootsPicture: makeShare({ createdBy: root.id, generationId: bobs.id }),
        bobsPicture: makeShare({ createdBy: bob.id, generationId: bobs.id }),
        rootsBoard: makeShare({ createdBy: root.id, boardId: mixed.id }),
        bobsBoard: makeShare({ createdBy: bob.id, boardId: mixed.id }),
        // A picture of his still in flight: the link will show it once it is done.
        rootsPending: makeShare({ createdBy: root.id, boardId: bobsPending.id }),
      };
      const doesNot = {
        annsBoard: makeShare({ createdBy: ann.id, boardId: mixed.id }),
        cysBoard: makeShare({ createdBy: cy.id, boardId: mixed.id }),
        rootsOtherBoard: makeShare({ createdBy: root.id, boardId: annsOnly.id }),
        annsPicture: makeShare({ createdBy: ann.id, generationId: anns.id }),
        expired: makeShare({ createdBy: root.id, generationId: bobs.id, expiresAt: now }),
      };
      for (const share of [...Object.values(shows), ...Object.values(doesNot)]) await db.insertShare(share);
      const showingBob = (extra = {}) => db.listShares({ showingPicturesOf: { userId: bob.id, name: "bob", now }, ...extra });

      const listed = await showingBob();
      expect(new Set(shareIds(listed))).toEqual(new Set(Object.values(shows).map((s) => s.id)));
      expect(listed.find((s) => s.id === shows.rootsBoard.id)).toMatchObject({ creatorName: "root", title: "Mixed" });
      // Paged and narrowed like any list.
      expect(shareIds(await showingBob({ limit: 2 }))).toEqual(shareIds(listed).slice(0, 2));
      expect(shareIds(await showingBob({ id: shows.rootsBoard.id }))).toEqual([shows.rootsBoard.id]);
      expect(await showingBob({ id: doesNot.annsBoard.id })).toEqual([]);
      // ann's pictures are on the mixed board: every link to it shows them but cy's (a member's board link shows its maker's pictures).
      expect(new Set(shareIds(await db.listShares({ showingPicturesOf: { userId: ann.id, name: "ann", now } })))).toEqual(
        new Set([shows.rootsBoard.id, doesNot.annsBoard.id, doesNot.rootsOtherBoard.id, doesNot.annsPicture.id]),
      );
      // Read from the maker's role now: root demoted, root's board links no longer show bob's pictures.
      await db.updateUser({ id: root.id, patch: { role: "member" } });
      expect(new Set(shareIds(await showingBob()))).toEqual(new Set([shows.rootsPicture.id, shows.bobsPicture.id, shows.bobsBoard.id]));
      expect(await db.listShares({ showingPicturesOf: { userId: cy.id, name: "cy", now } })).toEqual([]);
    });
  });
}
