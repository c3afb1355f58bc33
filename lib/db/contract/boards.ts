import { describe, expect, it } from "vitest";
import { makeBoard, makeCompletedRow, makeRow, makeShare, makeUser, T0 } from "@/lib/db/shared/test-rows";
import type { GenerationRow, StudioDatabase } from "@/lib/db/types";
import { describeBoardPagesAndCaps } from "./board-caps";
import { deleteUserOf, ids, newestFirst, rejection, type ContractOptions } from "./context";

// Boards, their pictures, batches and share links.

export function describeBoards(options: ContractOptions): void {
  const { open, expectForeignKeyError } = options;

  async function withPeople(db: StudioDatabase, ...names: string[]) {
    const people = names.map((name) => makeUser({ name }));
    for (const person of people) await db.insertUser(person);
    return people;
  }

  /** A finished picture with its stored image, as a cover needs. */
  const picture = (overrides: Partial<GenerationRow> = {}) => makeCompletedRow({ createdBy: "alice", ...overrides });

  describe("boards", () => {
    it("a board round-trips; update changes what the patch gives; unknown ids answer undefined", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const board = makeBoard({ ownerId: alice.id, name: "日本 trip", visibility: "private", createdAt: T0 + 1, updatedAt: T0 + 2 });
      await db.insertBoard(board);
      expect(await db.getBoard(board.id)).toEqual(board);
      expect(await db.getBoard("brd_missing")).toBeUndefined();

      expect(await db.updateBoard({ id: board.id, patch: { name: "Trip", updatedAt: T0 + 9 } })).toEqual({ ...board, name: "Trip", updatedAt: T0 + 9 });
      expect(await db.updateBoard({ id: board.id, patch: { visibility: "team" } })).toEqual({ ...board, name: "Trip", updatedAt: T0 + 9, visibility: "team" });
      expect(await db.updateBoard({ id: board.id, patch: {} })).toEqual(await db.getBoard(board.id));
      expect(await db.updateBoard({ id: "brd_missing", patch: { name: "x" } })).toBeUndefined();
    });

    it("a board needs its owner, and goes with them (its items and shares too, never a picture)", async () => {
      const fixture = await open();
      const { db } = fixture;
      expectForeignKeyError(await rejection(db.insertBoard(makeBoard({ ownerId: "usr_missing" }))));
      const [alice, bob] = await withPeople(db, "alice", "bob");
      const row = picture();
      await db.insertGenerations({ rows: [row] });
      const board = makeBoard({ ownerId: alice.id });
      await db.insertBoard(board);
      await db.addBoardItems({ boardId: board.id, generationIds: [row.id], now: T0 });
      const share = makeShare({ createdBy: bob.id, boardId: board.id });
      await db.insertShare(share);
      await deleteUserOf(fixture, alice.id);
      expect(await db.getBoard(board.id)).toBeUndefined();
      expect(await db.boardHas({ boardId: board.id, generationId: row.id })).toBe(false);
      expect(await db.getShare(share.id)).toBeUndefined();
      expect(await db.getGeneration(row.id)).toEqual(row);
    });

    it("listBoards: team boards and the viewer's own private ones, by name (any case) then id, with the owner's name", async () => {
      const { db } = await open();
      const [alice, bob] = await withPeople(db, "alice", "bob");
      const boards = [
        makeBoard({ ownerId: alice.id, name: "beta", visibility: "team" }),
        makeBoard({ ownerId: bob.id, name: "alpha", visibility: "team" }),
        makeBoard({ ownerId: alice.id, name: "Alpha", visibility: "private" }),
        makeBoard({ ownerId: bob.id, name: "Secret", visibility: "private" }),
        makeBoard({ ownerId: bob.id, name: "Gamma", visibility: "team" }),
      ];
      // Inserted out of order: the order is the query's.
      for (const board of [boards[4], boards[2], boards[0], boards[3], boards[1]]) await db.insertBoard(board);
      const [beta, alphaTeam, alphaPrivate, secret, gamma] = boards;
      const summary = (board: (typeof boards)[number], ownerName: string) => ({ ...board, ownerName, count: 0, coverId: null });

      // Same name in another case: by id, which was made first.
      expect(await db.listBoards({ viewerId: alice.id })).toEqual([
        summary(alphaTeam, "bob"),
        summary(alphaPrivate, "alice"),
        summary(beta, "alice"),
        summary(gamma, "bob"),
      ]);
      expect((await db.listBoards({ viewerId: bob.id })).map((b) => b.id)).toEqual([alphaTeam.id, beta.id, gamma.id, secret.id]);
      // Someone without boards sees the team's.
      expect((await db.listBoards({ viewerId: "usr_nobody" })).map((b) => b.id)).toEqual([alphaTeam.id, beta.id, gamma.id]);
      // With ids: only those of the visible ones (bob's private board stays hidden from alice).
      expect((await db.listBoards({ viewerId: alice.id, ids: [secret.id, gamma.id, alphaPrivate.id, "brd_missing"] })).map((b) => b.id)).toEqual([
        alphaPrivate.id,
        gamma.id,
      ]);
      expect(await db.listBoards({ viewerId: alice.id, ids: [] })).toEqual([]);
      // Made private: gone from everyone else's list.
      await db.updateBoard({ id: gamma.id, patch: { visibility: "private" } });
      expect((await db.listBoards({ viewerId: alice.id })).map((b) => b.id)).not.toContain(gamma.id);
    });

    it("counts and covers: the cover is the newest finished picture with an image; failed and active ones never are", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const older = picture();
      const newest = picture();
      const failed = makeRow({ status: "failed", errorCode: "safety" });
      const active = makeRow({ status: "processing" });
      // Completed but its image not stored: nothing to show.
      const imageless = picture({ imageKey: null, thumbKey: null });
      const offBoard = picture();
      await db.insertGenerations({ rows: [older, newest, failed, active, imageless, offBoard] });
      const board = makeBoard({ ownerId: alice.id });
      const empty = makeBoard({ ownerId: alice.id, name: "Empty" });
      await db.insertBoard(board);
      await db.insertBoard(empty);
      const cover = async () => (await db.listBoards({ viewerId: alice.id, ids: [board.id] }))[0];

      await db.addBoardItems({ boardId: board.id, generationIds: [older.id], now: T0 });
      expect(await cover()).toMatchObject({ count: 1, coverId: older.id });
      await db.addBoardItems({ boardId: board.id, generationIds: [newest.id, failed.id, active.id, imageless.id], now: T0 + 1 });
      expect(await cover()).toMatchObject({ count: 5, coverId: newest.id });
      expect(await db.listBoards({ viewerId: alice.id, ids: [empty.id] })).toEqual([{ ...empty, ownerName: "alice", count: 0, coverId: null }]);

      // The newest one off the board: the next finished one takes over.
      expect(await db.removeBoardItems({ boardId: board.id, generationIds: [newest.id] })).toBe(1);
      expect(await cover()).toMatchObject({ count: 4, coverId: older.id });
      // A picture that finishes becomes the cover.
      await db.updateGeneration({ id: active.id, patch: { status: "completed", imageKey: `images/${active.id}.png` } });
      expect(await cover()).toMatchObject({ count: 4, coverId: active.id });
      await db.removeBoardItems({ boardId: board.id, generationIds: [older.id, active.id] });
      expect(await cover()).toMatchObject({ count: 2, coverId: null });
    });

    it("addBoardItems adds each existing picture once, skips unknown ids, and says how many it added", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const rows = [picture(), picture(), picture()];
      await db.insertGenerations({ rows });
      const [board, other] = [makeBoard({ ownerId: alice.id }), makeBoard({ ownerId: alice.id })];
      await db.insertBoard(board);
      await db.insertBoard(other);

      expect(await db.addBoardItems({ boardId: board.id, generationIds: [rows[0].id, rows[1].id, rows[0].id], now: T0 })).toBe(2);
      // Again, with one new and one unknown: only the new one counts.
      expect(await db.addBoardItems({ boardId: board.id, generationIds: [rows[1].id, rows[2].id, "gen_missing"], now: T0 + 5 })).toBe(1);
      expect(await db.addBoardItems({ boardId: board.id, generationIds: [rows[0].id], now: T0 + 6 })).toBe(0);
      expect(await db.addBoardItems({ boardId: board.id, generationIds: ["gen_missing"], now: T0 })).toBe(0);
      expect(await db.addBoardItems({ boardId: board.id, generationIds: [], now: T0 })).toBe(0);
      // A picture may be on several boards.
      expect(await db.addBoardItems({ boardId: other.id, generationIds: [rows[0].id], now: T0 })).toBe(1);

      const [listed] = await db.listBoards({ viewerId: alice.id, ids: [board.id] });
      expect(listed.count).toBe(3);
      expect(ids(await db.listGenerations({ board: board.id, limit: 10 }))).toEqual(newestFirst(rows));
      expect(ids(await db.listGenerations({ board: other.id, limit: 10 }))).toEqual([rows[0].id]);
      // A board that does not exist takes nothing.
      await rejection(db.addBoardItems({ boardId: "brd_missing", generationIds: [rows[0].id], now: T0 }));
    });

    it("removeBoardItems removes only from that board; boardHas answers per board and picture", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const rows = [picture(), picture(), picture()];
      await db.insertGenerations({ rows });
      const [board, other] = [makeBoard({ ownerId: alice.id }), makeBoard({ ownerId: alice.id })];
      await db.insertBoard(board);
      await db.insertBoard(other);
      await db.addBoardItems({ boardId: board.id, generationIds: ids(rows), now: T0 });
      await db.addBoardItems({ boardId: other.id, generationIds: [rows[0].id], now: T0 });

      expect(await db.removeBoardItems({ boardId: board.id, generationIds: [rows[0].id, rows[1].id, "gen_missing"] })).toBe(2);
      expect(await db.removeBoardItems({ boardId: board.id, generationIds: [rows[0].id] })).toBe(0);
      expect(await db.removeBoardItems({ boardId: board.id, generationIds: [] })).toBe(0);
      expect(await db.boardHas({ boardId: board.id, generationId: rows[0].id })).toBe(false);
      expect(await db.boardHas({ boardId: board.id, generationId: rows[2].id })).toBe(true);
      expect(await db.boardHas({ boardId: other.id, generationId: rows[0].id })).toBe(true);
      expect(await db.boardHas({ boardId: "brd_missing", generationId: rows[0].id })).toBe(false);
      // The pictures themselves stay.
      expect(await db.getGenerations(ids(rows))).toEqual(rows);
    });

    it("deleting a board keeps its pictures and drops its items and its links, not other links", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const rows = [picture(), picture()];
      await db.insertGenerations({ rows });
      const [board, other] = [makeBoard({ ownerId: alice.id }), makeBoard({ ownerId: alice.id })];
      await db.insertBoard(board);
      await db.insertBoard(other);
      await db.addBoardItems({ boardId: board.id, generationIds: ids(rows), now: T0 });
      await db.addBoardItems({ boardId: other.id, generationIds: ids(rows), now: T0 });
      const boardShare = makeShare({ createdBy: alice.id, boardId: board.id });
      const pictureShare = makeShare({ createdBy: alice.id, generationId: rows[0].id });
      const otherShare = makeShare({ createdBy: alice.id, boardId: other.id });
      for (const share of [boardShare, pictureShare, otherShare]) await db.insertShare(share);

      expect(await db.deleteBoard(board.id)).toBe(true);
      expect(await db.deleteBoard(board.id)).toBe(false);
      expect(await db.getBoard(board.id)).toBeUndefined();
      expect(await db.listGenerations({ board: board.id, limit: 10 })).toEqual([]);
      expect(await db.boardHas({ boardId: board.id, generationId: rows[0].id })).toBe(false);
      expect(await db.getShare(boardShare.id)).toBeUndefined();
      expect(await db.getShareByHash({ tokenHash: boardShare.tokenHash, now: T0 })).toBeUndefined();
      expect(await db.getGenerations(ids(rows))).toEqual(rows);
      expect(await db.getShare(pictureShare.id)).toEqual(pictureShare);
      expect(await db.getShare(otherShare.id)).toEqual(otherShare);
      expect((await db.listBoards({ viewerId: alice.id })).map((b) => [b.id, b.count])).toEqual([[other.id, 2]]);
    });

    it("deleting a picture drops it from every board and drops its links, not its boards' links", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const [kept, gone] = [picture(), picture()];
      await db.insertGenerations({ rows: [kept, gone] });
      const board = makeBoard({ ownerId: alice.id });
      await db.insertBoard(board);
      await db.addBoardItems({ boardId: board.id, generationIds: [gone.id, kept.id], now: T0 });
      const pictureShare = makeShare({ createdBy: alice.id, generationId: gone.id });
      const boardShare = makeShare({ createdBy: alice.id, boardId: board.id });
      await db.insertShare(pictureShare);
      await db.insertShare(boardShare);
      expect((await db.listBoards({ viewerId: alice.id }))[0]).toMatchObject({ count: 2, coverId: gone.id });

      expect((await db.deleteGeneration(gone.id))?.row).toEqual(gone);
      expect(await db.boardHas({ boardId: board.id, generationId: gone.id })).toBe(false);
      expect((await db.listBoards({ viewerId: alice.id }))[0]).toMatchObject({ count: 1, coverId: kept.id });
      expect(ids(await db.listGenerations({ board: board.id, limit: 10 }))).toEqual([kept.id]);
      expect(await db.getShare(pictureShare.id)).toBeUndefined();
      expect(await db.getShare(boardShare.id)).toEqual(boardShare);
      // Still counted for the day's allowance, as any deleted picture.
      expect(await db.countCreatedSince({ createdBy: "alice", since: T0 })).toBe(2);
    });
  });

  describe("listing a board", () => {
    /**
     * 30 pictures of three people, models and statuses; 20 of them on the
     * board (added in no particular order, at times that do not follow their
     * ids), 10 not; plus a second board holding some of both.
     */
    async function boardWithPictures() {
      const { db } = await open();
      const [alice, bob] = await withPeople(db, "alice", "bob");
      const statuses = ["completed", "failed", "completed", "queued", "processing"] as const;
      const models = ["nano_banana_2", "nano_banana_pro", "nano_banana_pro-2K"] as const;
      const people = ["alice", "bob", "carol"];
      const rows = Array.from({ length: 30 }, (_, i) =>
        makeRow({
          status: statuses[i % statuses.length],
          model: models[Math.floor(i / 2) % models.length],
          createdBy: people[i % people.length],
          prompt: i % 4 === 0 ? `a Red Fox, take ${i}` : `a lighthouse, take ${i}`,
          batchId: `bat_${Math.floor(i / 3)}`,
        }),
      );
      await db.insertGenerations({ rows });
      const onBoard = rows.filter((_, i) => i % 3 !== 1);
      const board = makeBoard({ ownerId: alice.id });
      const other = makeBoard({ ownerId: bob.id });
      await db.insertBoard(board);
      await db.insertBoard(other);
      // 7 and 20 are coprime: every picture once, in an order that is not theirs.
      const shuffled = onBoard.map((_, i) => onBoard[(i * 7) % onBoard.length]);
      for (const [i, row] of shuffled.entries()) await db.addBoardItems({ boardId: board.id, generationIds: [row.id], now: T0 + 1_000 - i });
      await db.addBoardItems({ boardId: other.id, generationIds: ids(rows.filter((_, i) => i % 2 === 0)), now: T0 });
      for (const row of rows.filter((_, i) => i % 5 === 0)) await db.setFavorite({ userId: bob.id, generationId: row.id, favorite: true, now: T0 });
      const starred = new Set(ids(rows.filter((_, i) => i % 5 === 0)));
      return { db, rows, onBoard, board, bob, starred };
    }

    /** Every page of a listing, `pageSize` at a time, by the keyset cursor. */
    async function allPages(db: StudioDatabase, filter: Parameters<StudioDatabase["listGenerations"]>[0], pageSize: number) {
      const pages: string[][] = [];
      let beforeId: string | undefined;
      for (;;) {
        const page = ids(await db.listGenerations({ ...filter, beforeId, limit: pageSize }));
        if (page.length === 0) return pages;
        pages.push(page);
        beforeId = page[page.length - 1];
      }
    }

    it("lists the board's pictures newest first (by picture, not by when added), page by page, each once", async () => {
      const { db, onBoard, board } = await boardWithPictures();
      expect(ids(await db.listGenerations({ board: board.id, limit: 100 }))).toEqual(newestFirst(onBoard));
      const pages = await allPages(db, { board: board.id, limit: 0 }, 6);
      expect(pages.map((p) => p.length)).toEqual([6, 6, 6, 2]);
      expect(pages.flat()).toEqual(newestFirst(onBoard));
      // A cursor that is not on the board (a picture off it) pages just the same.
      const offBoardCursor = newestFirst(onBoard)[5].replace(/.$/, "0");
      expect(ids(await db.listGenerations({ board: board.id, beforeId: offBoardCursor, limit: 100 }))).toEqual(
        newestFirst(onBoard.filter((r) => r.id < offBoardCursor)),
      );
      expect(await db.listGenerations({ board: "brd_missing", limit: 10 })).toEqual([]);
      // Rows come back whole.
      expect(await db.listGenerations({ board: board.id, limit: 1 })).toEqual([onBoard.reduce((a, b) => (a.id > b.id ? a : b))]);
    });

    it("every other filter applies on a board too, alone and together, with paging", async () => {
      const { db, onBoard, board, bob, starred } = await boardWithPictures();
      const pick = (f: (r: GenerationRow) => boolean) => newestFirst(onBoard.filter(f));
      const active = new Set(["submitting", "queued", "processing"]);
      const cases: [Omit<Parameters<StudioDatabase["listGenerations"]>[0], "limit">, (r: GenerationRow) => boolean][] = [
        [{ status: "completed" }, (r) => r.status === "completed"],
        [{ status: "active" }, (r) => active.has(r.status)],
        [{ status: "failed" }, (r) => r.status === "failed"],
        [{ model: "nano_banana_pro" }, (r) => r.model === "nano_banana_pro"],
        [{ createdBy: "carol" }, (r) => r.createdBy === "carol"],
        [{ q: "red FOX" }, (r) => r.prompt.includes("Red Fox")],
        [{ favoriteOf: bob.id }, (r) => starred.has(r.id)],
        [{ batch: onBoard[4].batchId! }, (r) => r.batchId === onBoard[4].batchId],
        [{ status: "completed", createdBy: "alice", q: "fox" }, (r) => r.status === "completed" && r.createdBy === "alice" && r.prompt.includes("Fox")],
      ];
      for (const [filter, f] of cases) {
        const expected = pick(f);
        expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
        expect(ids(await db.listGenerations({ ...filter, board: board.id, limit: 100 })), JSON.stringify(filter)).toEqual(expected);
        expect((await allPages(db, { ...filter, board: board.id, limit: 0 }, 2)).flat(), JSON.stringify(filter)).toEqual(expected);
      }
    });
  });

  describe("batches", () => {
    it("an insert keeps the batch id given, or gives each row its own id; both read back", async () => {
      const { db } = await open();
      const given = [makeRow({ batchId: "bat_A" }), makeRow({ batchId: "bat_A" })];
      const own = makeRow({ batchId: null });
      const result = await db.insertGenerations({ rows: [...given, own], idempotency: { key: "k", createdBy: "alice", now: T0, ttlMs: 60_000 } });
      expect(result.rows.map((r) => r.batchId)).toEqual(["bat_A", "bat_A", own.id]);
      const stored = { ...own, batchId: own.id };
      expect(await db.getGenerations([...ids(given), own.id])).toEqual([...given, stored]);
      // A replay answers the stored rows.
      const replay = await db.insertGenerations({ rows: [makeRow()], idempotency: { key: "k", createdBy: "alice", now: T0 + 1, ttlMs: 60_000 } });
      expect(replay).toEqual({ created: false, rows: [...given, stored] });
    });

    it("lists one batch newest first, with paging and the other filters", async () => {
      const { db } = await open();
      const a = [makeRow({ batchId: "bat_A", status: "completed" }), makeRow({ batchId: "bat_A", status: "failed" }), makeRow({ batchId: "bat_A", status: "completed" })];
      const b = [makeRow({ batchId: "bat_B" }), makeRow({ batchId: "bat_B" })];
      const alone = makeRow({ batchId: null });
      await db.insertGenerations({ rows: [a[0], b[0], a[1], alone, b[1], a[2]] });
      expect(ids(await db.listGenerations({ batch: "bat_A", limit: 10 }))).toEqual(newestFirst(a));
      expect(ids(await db.listGenerations({ batch: "bat_B", limit: 10 }))).toEqual(newestFirst(b));
      expect(ids(await db.listGenerations({ batch: "bat_A", beforeId: a[2].id, limit: 1 }))).toEqual([a[1].id]);
      expect(ids(await db.listGenerations({ batch: "bat_A", status: "completed", limit: 10 }))).toEqual(newestFirst([a[0], a[2]]));
      expect(ids(await db.listGenerations({ batch: alone.id, limit: 10 }))).toEqual([alone.id]);
      expect(await db.listGenerations({ batch: "bat_missing", limit: 10 })).toEqual([]);
    });
  });

  describe("share links", () => {
    it("a link is found by its hash while unexpired; get by id too; every field round-trips", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const row = picture();
      await db.insertGenerations({ rows: [row] });
      const board = makeBoard({ ownerId: alice.id });
      await db.insertBoard(board);
      const forever = makeShare({ createdBy: alice.id, generationId: row.id });
      const expiring = makeShare({ createdBy: alice.id, boardId: board.id, createdAt: T0 + 1, expiresAt: T0 + 1_000 });
      await db.insertShare(forever);
      await db.insertShare(expiring);

      expect(await db.getShareByHash({ tokenHash: forever.tokenHash, now: T0 + 100 * 365 * 86_400_000 })).toEqual(forever);
      expect(await db.getShareByHash({ tokenHash: expiring.tokenHash, now: T0 + 999 })).toEqual(expiring);
      expect(await db.getShareByHash({ tokenHash: expiring.tokenHash, now: T0 + 1_000 })).toBeUndefined();
      expect(await db.getShareByHash({ tokenHash: "sh_unknown", now: T0 })).toBeUndefined();
      // An expired link is still listed and found by id (its owner may revoke it).
      expect(await db.getShare(expiring.id)).toEqual(expiring);
      expect(await db.getShare("shr_missing")).toBeUndefined();
    });

    it("a revoked link is dead at once; delete says whether it did", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const row = picture();
      await db.insertGenerations({ rows: [row] });
      const [share, other] = [makeShare({ createdBy: alice.id, generationId: row.id }), makeShare({ createdBy: alice.id, generationId: row.id })];
      await db.insertShare(share);
      await db.insertShare(other);
      expect(await db.deleteShare(share.id)).toBe(true);
      expect(await db.deleteShare(share.id)).toBe(false);
      expect(await db.getShareByHash({ tokenHash: share.tokenHash, now: T0 })).toBeUndefined();
      expect(await db.getShare(share.id)).toBeUndefined();
      expect(await db.getShareByHash({ tokenHash: other.tokenHash, now: T0 })).toEqual(other);
    });

    it("a link points at exactly one picture or board that exists, has a unique hash and a creator", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const row = picture();
      await db.insertGenerations({ rows: [row] });
      const board = makeBoard({ ownerId: alice.id });
      await db.insertBoard(board);
      await rejection(db.insertShare(makeShare({ createdBy: alice.id })));
      await rejection(db.insertShare(makeShare({ createdBy: alice.id, generationId: row.id, boardId: board.id })));
      expectForeignKeyError(await rejection(db.insertShare(makeShare({ createdBy: alice.id, generationId: "gen_missing" }))));
      expectForeignKeyError(await rejection(db.insertShare(makeShare({ createdBy: alice.id, boardId: "brd_missing" }))));
      expectForeignKeyError(await rejection(db.insertShare(makeShare({ createdBy: "usr_missing", generationId: row.id }))));
      const share = makeShare({ createdBy: alice.id, generationId: row.id });
      await db.insertShare(share);
      await rejection(db.insertShare(makeShare({ createdBy: alice.id, boardId: board.id, tokenHash: share.tokenHash })));
      expect(await db.listShares({})).toHaveLength(1);
    });

    it("listShares: one person's or everyone's, newest first, with the creator's name and the picture's prompt or the board's name", async () => {
      const fixture = await open();
      const { db } = fixture;
      const [alice, bob] = await withPeople(db, "alice", "bob");
      const row = picture({ prompt: "a lighthouse at dawn, 日出" });
      await db.insertGenerations({ rows: [row] });
      const board = makeBoard({ ownerId: bob.id, name: "Coast" });
      await db.insertBoard(board);
      const a1 = makeShare({ createdBy: alice.id, generationId: row.id, createdAt: T0 });
      const b1 = makeShare({ createdBy: bob.id, boardId: board.id, createdAt: T0 + 1, expiresAt: T0 + 5 });
      const a2 = makeShare({ createdBy: alice.id, boardId: board.id, createdAt: T0 + 2 });
      // Made in the same millisecond as a2: the later id comes first.
      const a3 = makeShare({ createdBy: alice.id, generationId: row.id, createdAt: T0 + 2 });
      for (const share of [a3, a1, b1, a2]) await db.insertShare(share);

      expect(await db.listShares({ createdBy: alice.id })).toEqual([
        { ...a3, creatorName: "alice", title: row.prompt },
        { ...a2, creatorName: "alice", title: "Coast" },
        { ...a1, creatorName: "alice", title: row.prompt },
      ]);
      expect((await db.listShares({})).map((s) => [s.id, s.creatorName])).toEqual([
        [a3.id, "alice"],
        [a2.id, "alice"],
        [b1.id, "bob"],
        [a1.id, "alice"],
      ]);
      expect(await db.listShares({ createdBy: "usr_nobody" })).toEqual([]);
      // A renamed board's links say its new name.
      await db.updateBoard({ id: board.id, patch: { name: "Coastline" } });
      expect((await db.listShares({ createdBy: bob.id })).map((s) => s.title)).toEqual(["Coastline"]);
      // A person's links go with them.
      await deleteUserOf(fixture, alice.id);
      expect((await db.listShares({})).map((s) => s.id)).toEqual([b1.id]);
    });
  });

  describeBoardPagesAndCaps(options);
}
