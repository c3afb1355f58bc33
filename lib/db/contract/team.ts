import { describe, expect, it } from "vitest";
import { makeInvite, makeRow, makeUser, T0 } from "@/lib/db/shared/test-rows";
import type { GenerationRow, InsertLimits, ListFilter, StudioDatabase, UsageGroup } from "@/lib/db/types";
import { priceOf } from "@/lib/pricing";
import { DAY_MS, deleteUserOf, ids, newestFirst, rejection, secondOf, type ContractOptions } from "./context";

// What a team shares and what stays each person's: per-person
// favorites, one-time invites, admin-set prices, the usage query, deleted
// pictures that still count, and the monthly budget inside insertGenerations.

export function describeTeam(options: ContractOptions): void {
  const { open, expectForeignKeyError } = options;

  async function withPeople(db: StudioDatabase, ...names: string[]) {
    const people = names.map((name) => makeUser({ name }));
    for (const person of people) await db.insertUser(person);
    return people;
  }

  /** Every page of a listing, following beforeId, as the gallery scrolls. */
  async function allPages(db: StudioDatabase, filter: Omit<ListFilter, "limit" | "beforeId">, limit: number): Promise<string[][]> {
    const pages: string[][] = [];
    let beforeId: string | undefined;
    for (;;) {
      const page = await db.listGenerations({ ...filter, beforeId, limit });
      if (page.length === 0) return pages;
      pages.push(ids(page));
      beforeId = page[page.length - 1].id;
    }
  }

  describe("favorites", () => {
    it("are per person: alice's star is not bob's, and starring or unstarring twice changes nothing", async () => {
      const { db } = await open();
      const [alice, bob] = await withPeople(db, "alice", "bob");
      const rows = [makeRow(), makeRow(), makeRow()];
      await db.insertGenerations({ rows });
      const among = (userId: string) => db.favoritesAmong({ userId, generationIds: ids(rows) });

      await db.setFavorite({ userId: alice.id, generationId: rows[0].id, favorite: true, now: T0 });
      await db.setFavorite({ userId: alice.id, generationId: rows[0].id, favorite: true, now: T0 + 1 });
      await db.setFavorite({ userId: alice.id, generationId: rows[2].id, favorite: true, now: T0 });
      await db.setFavorite({ userId: bob.id, generationId: rows[1].id, favorite: true, now: T0 });
      expect(await among(alice.id)).toEqual(new Set([rows[0].id, rows[2].id]));
      expect(await among(bob.id)).toEqual(new Set([rows[1].id]));

      await db.setFavorite({ userId: alice.id, generationId: rows[0].id, favorite: false, now: T0 + 2 });
      await db.setFavorite({ userId: alice.id, generationId: rows[0].id, favorite: false, now: T0 + 3 });
      await db.setFavorite({ userId: alice.id, generationId: rows[1].id, favorite: false, now: T0 + 3 });
      expect(await among(alice.id)).toEqual(new Set([rows[2].id]));
      expect(await among(bob.id)).toEqual(new Set([rows[1].id]));
      // The row's own (old, shared) column is left alone.
      expect((await db.getGeneration(rows[2].id))?.favorite).toBe(false);
    });

    it("favoritesAmong answers only ids asked for, each once, and an empty set for no ids", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const rows = [makeRow(), makeRow()];
      await db.insertGenerations({ rows });
      for (const row of rows) await db.setFavorite({ userId: alice.id, generationId: row.id, favorite: true, now: T0 });
      expect(await db.favoritesAmong({ userId: alice.id, generationIds: [rows[1].id, rows[1].id, "gen_missing"] })).toEqual(new Set([rows[1].id]));
      expect(await db.favoritesAmong({ userId: alice.id, generationIds: [] })).toEqual(new Set());
      expect(await db.favoritesAmong({ userId: "usr_nobody", generationIds: ids(rows) })).toEqual(new Set());
    });

    it("favoriteOf pages newest first across pages, alone and with another filter, every star once", async () => {
      const { db } = await open();
      const [alice, bob] = await withPeople(db, "alice", "bob");
      const rows = Array.from({ length: 30 }, (_, i) => makeRow({ status: i % 3 === 0 ? "failed" : "completed", prompt: `picture ${i}` }));
      await db.insertGenerations({ rows });
      const starredBy = new Map([
        [alice.id, rows.filter((_, i) => i % 2 === 0)],
        [bob.id, rows.filter((_, i) => i % 5 === 0)],
      ]);
      for (const [userId, starred] of starredBy) {
        for (const row of starred) await db.setFavorite({ userId, generationId: row.id, favorite: true, now: T0 });
      }
      const aliceStars = starredBy.get(alice.id)!;

      const alone = await allPages(db, { favoriteOf: alice.id }, 4);
      expect(alone.flat()).toEqual(newestFirst(aliceStars));
      expect(alone.map((page) => page.length)).toEqual([4, 4, 4, 3]);

      const completed = await allPages(db, { favoriteOf: alice.id, status: "completed" }, 3);
      expect(completed.flat()).toEqual(newestFirst(aliceStars.filter((r) => r.status === "completed")));
      expect(completed.length).toBeGreaterThan(2);

      const bobs = await allPages(db, { favoriteOf: bob.id, q: "picture 2" }, 1);
      expect(bobs.flat()).toEqual(newestFirst(starredBy.get(bob.id)!.filter((r) => r.prompt.includes("picture 2"))));
    });

    it("deleting a picture or a person takes their stars with them", async () => {
      const fixture = await open();
      const { db } = fixture;
      const [alice, bob] = await withPeople(db, "alice", "bob");
      const rows = [makeRow(), makeRow(), makeRow()];
      await db.insertGenerations({ rows });
      for (const user of [alice, bob]) {
        for (const row of rows) await db.setFavorite({ userId: user.id, generationId: row.id, favorite: true, now: T0 });
      }

      await db.deleteGeneration(rows[0].id);
      expect(await db.favoritesAmong({ userId: alice.id, generationIds: ids(rows) })).toEqual(new Set([rows[1].id, rows[2].id]));
      // The same id made again is nobody's favorite.
      await db.insertGenerations({ rows: [rows[0]] });
      expect(await db.favoritesAmong({ userId: bob.id, generationIds: [rows[0].id] })).toEqual(new Set());

      await deleteUserOf(fixture, alice.id);
      expect(await db.favoritesAmong({ userId: alice.id, generationIds: ids(rows) })).toEqual(new Set());
      expect(await db.listGenerations({ favoriteOf: alice.id, limit: 10 })).toEqual([]);
      expect(ids(await db.listGenerations({ favoriteOf: bob.id, limit: 10 }))).toEqual(newestFirst(rows.slice(1)));
    });

    it("a star on no such picture, or by no such person, is refused", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const row = makeRow();
      await db.insertGenerations({ rows: [row] });
      expectForeignKeyError(await rejection(db.setFavorite({ userId: alice.id, generationId: "gen_missing", favorite: true, now: T0 })));
      expectForeignKeyError(await rejection(db.setFavorite({ userId: "usr_missing", generationId: row.id, favorite: true, now: T0 })));
      // Taking away a star that is not there is no error.
      await db.setFavorite({ userId: "usr_missing", generationId: "gen_missing", favorite: false, now: T0 });
    });
  });

  describe("invites", () => {
    it("an invite is shown until it is used, used once, and then no more", async () => {
      const { db } = await open();
      const [carol] = await withPeople(db, "carol");
      const invite = makeInvite({ userId: carol.id });
      await db.insertInvite(invite);
      expect(await db.getInvite({ idHash: invite.idHash, now: T0 + 5 })).toEqual(invite);
      expect(await db.getInvite({ idHash: "i_unknown", now: T0 })).toBeUndefined();

      expect(await db.takeInvite({ idHash: invite.idHash, now: T0 + 10 })).toEqual({ ...invite, usedAt: T0 + 10 });
      expect(await db.takeInvite({ idHash: invite.idHash, now: T0 + 11 })).toBeUndefined();
      expect(await db.getInvite({ idHash: invite.idHash, now: T0 + 11 })).toBeUndefined();
      expect(await db.takeInvite({ idHash: "i_unknown", now: T0 })).toBeUndefined();
    });

    it("an expired invite is refused, from its expiry on", async () => {
      const { db } = await open();
      const [carol] = await withPeople(db, "carol");
      const invite = makeInvite({ userId: carol.id, expiresAt: T0 + 1_000 });
      await db.insertInvite(invite);
      expect(await db.getInvite({ idHash: invite.idHash, now: T0 + 1_000 })).toBeUndefined();
      expect(await db.takeInvite({ idHash: invite.idHash, now: T0 + 1_000 })).toBeUndefined();
      expect(await db.getInvite({ idHash: invite.idHash, now: T0 + 999 })).toEqual(invite);
      expect(await db.takeInvite({ idHash: invite.idHash, now: T0 + 999 })).toEqual({ ...invite, usedAt: T0 + 999 });
    });

    it("one invite used twice at once, from two connections: exactly one use wins", async () => {
      const fixture = await open();
      const { db } = fixture;
      const other = await secondOf(fixture);
      const [carol] = await withPeople(db, "carol");
      for (let round = 0; round < 5; round++) {
        const invite = makeInvite({ userId: carol.id });
        await db.insertInvite(invite);
        const uses = await Promise.all([db, other].map((via, i) => via.takeInvite({ idHash: invite.idHash, now: T0 + i })));
        expect(uses.filter((use) => use !== undefined)).toHaveLength(1);
      }
      const crowd = makeInvite({ userId: carol.id });
      await db.insertInvite(crowd);
      const uses = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? other : db).takeInvite({ idHash: crowd.idHash, now: T0 + i })));
      const winners = uses.filter((use) => use !== undefined);
      expect(winners).toHaveLength(1);
      expect(await db.getInvite({ idHash: crowd.idHash, now: T0 })).toBeUndefined();
    });

    // The invite page says whether a link was used or expired, before a password is typed.
    it("find shows an invite in any state: open, used, expired; unknown is undefined", async () => {
      const { db } = await open();
      const [carol] = await withPeople(db, "carol");
      const invite = makeInvite({ userId: carol.id, expiresAt: T0 + 1_000 });
      await db.insertInvite(invite);
      expect(await db.findInvite(invite.idHash)).toEqual(invite);
      await db.takeInvite({ idHash: invite.idHash, now: T0 + 10 });
      expect(await db.findInvite(invite.idHash)).toEqual({ ...invite, usedAt: T0 + 10 });
      const expired = makeInvite({ userId: carol.id, expiresAt: T0 + 1 });
      await db.insertInvite(expired);
      expect(await db.findInvite(expired.idHash)).toEqual(expired);
      expect(await db.findInvite("i_unknown")).toBeUndefined();
    });

    it("an invite needs its person, and goes with them", async () => {
      const fixture = await open();
      const { db } = fixture;
      expectForeignKeyError(await rejection(db.insertInvite(makeInvite({ userId: "usr_missing" }))));
      const [carol] = await withPeople(db, "carol");
      const invite = makeInvite({ userId: carol.id });
      await db.insertInvite(invite);
      await deleteUserOf(fixture, carol.id);
      expect(await db.getInvite({ idHash: invite.idHash, now: T0 })).toBeUndefined();
    });
  });

  describe("prices", () => {
    it("set inserts or replaces, list is by key byte by byte, delete removes one", async () => {
      const { db } = await open();
      const price = (key: string, value: number, at = T0) => ({ key, price: value, updatedAt: at, updatedBy: "admin" });
      for (const row of [price("nano_banana_pro-4K", 0.24), price("nano_banana_2", 0.04), price("nano_banana_pro", 0.135), price("nano_banana_2-4K", 0.12)]) {
        await db.setPrice(row);
      }
      await db.setPrice({ ...price("nano_banana_2", 0.035, T0 + 5), updatedBy: "bob" });
      expect(await db.listPrices()).toEqual([
        { ...price("nano_banana_2", 0.035, T0 + 5), updatedBy: "bob" },
        price("nano_banana_2-4K", 0.12),
        price("nano_banana_pro", 0.135),
        price("nano_banana_pro-4K", 0.24),
      ]);
      await db.deletePrice("nano_banana_2-4K");
      await db.deletePrice("nano_banana_pro-1K");
      expect((await db.listPrices()).map((p) => p.key)).toEqual(["nano_banana_2", "nano_banana_pro", "nano_banana_pro-4K"]);
    });
  });

  describe("usageGroups", () => {
    const day = (d: number, ms = 0) => Date.UTC(2025, 5, d) + ms;
    const from = day(1);
    const to = day(4);
    // The failed rows here never reached the gateway (no task id): none is charged.
    const counts = (completed: number, failed: number, active: number) => ({ completed, failed, failedCharged: 0, active });

    async function seededUsage() {
      const { db } = await open();
      const rows: GenerationRow[] = [
        // Just outside [from, to), on either side.
        makeRow({ createdAt: from - 1, status: "completed", imageSize: "1K" }),
        makeRow({ createdAt: to, status: "completed", imageSize: "1K" }),
        makeRow({ createdAt: from, status: "completed", imageSize: "1K" }),
        makeRow({ createdAt: from + 5 * 3600_000, createdBy: "bob", status: "failed" }),
        // The last millisecond of June 1st (UTC) is June 1st's.
        makeRow({ createdAt: day(2, -1), model: "nano_banana_pro", imageSize: "4K", status: "queued" }),
        makeRow({ createdAt: day(2), model: "nano_banana_pro", imageSize: "4K", status: "completed" }),
        makeRow({ createdAt: day(2, 12 * 3600_000), createdBy: "Zoë", model: "nano_banana_pro-2K", imageSize: "2K", status: "processing" }),
        makeRow({ createdAt: day(2, 1), status: "completed", imageSize: "1K" }),
        makeRow({ createdAt: day(2, 2), status: "failed", imageSize: "1K" }),
        makeRow({ createdAt: to - 1, createdBy: "bob", status: "submitting", imageSize: "1K" }),
      ];
      await db.insertGenerations({ rows });
      return db;
    }
    const group = (key: string, model: UsageGroup["model"], imageSize: UsageGroup["imageSize"], c: ReturnType<typeof counts>): UsageGroup => ({ key, model, imageSize, ...c });

    it("by UTC day: from included, to excluded, 23:59:59.999 on its own day, sorted by day, model, size (none first)", async () => {
      const db = await seededUsage();
      expect(await db.usageGroups({ from, to, groupBy: "day" })).toEqual([
        group("2025-06-01", "nano_banana_2", null, counts(0, 1, 0)),
        group("2025-06-01", "nano_banana_2", "1K", counts(1, 0, 0)),
        group("2025-06-01", "nano_banana_pro", "4K", counts(0, 0, 1)),
        group("2025-06-02", "nano_banana_2", "1K", counts(1, 1, 0)),
        group("2025-06-02", "nano_banana_pro", "4K", counts(1, 0, 0)),
        group("2025-06-02", "nano_banana_pro-2K", "2K", counts(0, 0, 1)),
        group("2025-06-03", "nano_banana_2", "1K", counts(0, 0, 1)),
      ]);
      expect(await db.usageGroups({ from: from - 1, to: from, groupBy: "day" })).toEqual([group("2025-05-31", "nano_banana_2", "1K", counts(1, 0, 0))]);
      expect(await db.usageGroups({ from: to, to: to + 1, groupBy: "day" })).toEqual([group("2025-06-04", "nano_banana_2", "1K", counts(1, 0, 0))]);
    });

    it("by person (names byte by byte) and by model", async () => {
      const db = await seededUsage();
      expect(await db.usageGroups({ from, to, groupBy: "user" })).toEqual([
        group("Zoë", "nano_banana_pro-2K", "2K", counts(0, 0, 1)),
        group("alice", "nano_banana_2", "1K", counts(2, 1, 0)),
        group("alice", "nano_banana_pro", "4K", counts(1, 0, 1)),
        group("bob", "nano_banana_2", null, counts(0, 1, 0)),
        group("bob", "nano_banana_2", "1K", counts(0, 0, 1)),
      ]);
      expect(await db.usageGroups({ from, to, groupBy: "model" })).toEqual([
        group("nano_banana_2", "nano_banana_2", null, counts(0, 1, 0)),
        group("nano_banana_2", "nano_banana_2", "1K", counts(2, 1, 1)),
        group("nano_banana_pro", "nano_banana_pro", "4K", counts(1, 0, 1)),
        group("nano_banana_pro-2K", "nano_banana_pro-2K", "2K", counts(0, 0, 1)),
      ]);
    });

    it("with createdBy, only that person's rows, within the same borders", async () => {
      const db = await seededUsage();
      expect(await db.usageGroups({ from, to, groupBy: "day", createdBy: "alice" })).toEqual([
        group("2025-06-01", "nano_banana_2", "1K", counts(1, 0, 0)),
        group("2025-06-01", "nano_banana_pro", "4K", counts(0, 0, 1)),
        group("2025-06-02", "nano_banana_2", "1K", counts(1, 1, 0)),
        group("2025-06-02", "nano_banana_pro", "4K", counts(1, 0, 0)),
      ]);
      expect(await db.usageGroups({ from, to, groupBy: "model", createdBy: "bob" })).toEqual([
        group("nano_banana_2", "nano_banana_2", null, counts(0, 1, 0)),
        group("nano_banana_2", "nano_banana_2", "1K", counts(0, 0, 1)),
      ]);
      expect(await db.usageGroups({ from, to, groupBy: "user", createdBy: "Zoë" })).toEqual([group("Zoë", "nano_banana_pro-2K", "2K", counts(0, 0, 1))]);
      expect(await db.usageGroups({ from, to, groupBy: "user", createdBy: "zoë" })).toEqual([]);
      expect(await db.usageGroups({ from: to, to: from, groupBy: "day" })).toEqual([]);
    });
  });

  describe("deleted pictures still count", () => {
    it("in the day's allowance, the month's budget and the usage, with the status they had", async () => {
      const { db } = await open();
      const prices = { nano_banana_2: 0.1 };
      const rows = [
        makeRow({ status: "completed", createdAt: T0 + 1 }),
        // Timed out at the gateway: it took the task, so it is charged (see describeCharges).
        makeRow({ status: "failed", upstreamId: "task_1", errorCode: "timeout", createdAt: T0 + 2 }),
        makeRow({ status: "completed", createdAt: T0 + 3, model: "nano_banana_pro", imageSize: "4K" }),
        makeRow({ status: "completed", createdAt: T0 + 4, createdBy: "bob" }),
      ];
      await db.insertGenerations({ rows });
      for (const row of rows.slice(0, 3)) await db.deleteGeneration(row.id);
      expect(await db.listGenerations({ limit: 10 })).toHaveLength(1);

      expect(await db.countCreatedSince({ createdBy: "alice", since: T0 })).toBe(3);
      expect(await db.countCreatedSince({ createdBy: "alice", since: T0 + 3 })).toBe(1);
      expect(await db.usageGroups({ from: T0, to: T0 + 10, groupBy: "model" })).toEqual([
        { key: "nano_banana_2", model: "nano_banana_2", imageSize: null, completed: 2, failed: 1, failedCharged: 1, active: 0 },
        { key: "nano_banana_pro", model: "nano_banana_pro", imageSize: "4K", completed: 1, failed: 0, failedCharged: 0, active: 0 },
      ]);
      expect(await db.usageGroups({ from: T0, to: T0 + 10, groupBy: "user", createdBy: "alice" })).toEqual([
        { key: "alice", model: "nano_banana_2", imageSize: null, completed: 1, failed: 1, failedCharged: 1, active: 0 },
        { key: "alice", model: "nano_banana_pro", imageSize: "4K", completed: 1, failed: 0, failedCharged: 0, active: 0 },
      ]);

      const limits = (over: Partial<InsertLimits>): InsertLimits => ({ since: T0, daily: 100, maxActive: 100, ...over });
      const daily = await db.insertGenerations({ rows: [makeRow()], limits: limits({ daily: 3 }) });
      expect(daily.refused).toEqual({ limit: "daily", usedToday: 3, active: 0 });
      // The deleted completed and timed-out 0.1s are spent; the unpriced 4K costs nothing.
      const budget = await db.insertGenerations({ rows: [makeRow()], limits: limits({ budget: { since: T0, amount: 0.25, prices, cost: 0.1 } }) });
      expect(budget.refused).toEqual({ limit: "budget", usedToday: 3, active: 0, spent: 0.2 });
      const fits = await db.insertGenerations({ rows: [makeRow()], limits: limits({ daily: 4, budget: { since: T0, amount: 0.3, prices, cost: 0.1 } }) });
      expect(fits.created).toBe(true);
    });

    it("deleting a picture made again with a deleted one's id is no error", async () => {
      const { db } = await open();
      const row = makeRow();
      await db.insertGenerations({ rows: [row] });
      await db.deleteGeneration(row.id);
      await db.insertGenerations({ rows: [row] });
      expect((await db.deleteGeneration(row.id))?.row).toEqual(row);
      expect(await db.getGeneration(row.id)).toBeUndefined();
    });
  });

  describe("insertGenerations with a monthly budget", () => {
    const PRICES = { nano_banana_2: 0.1, "nano_banana_pro-4K": 0.24 };
    const MONTH_START = T0 - 5 * DAY_MS;
    const limits = (amount: number, cost: number, over: Partial<InsertLimits> = {}): InsertLimits => ({
      since: T0,
      daily: 100,
      maxActive: 100,
      budget: { since: MONTH_START, amount, prices: PRICES, cost },
      ...over,
    });
    const costOf = (row: GenerationRow) => priceOf(PRICES, row.model, row.imageSize);

    /**
     * alice has spent 0.54 this month: 0.1 three times (one still active) and
     * 0.24; a request the gateway refused, free, older and bob's rows cost her
     * nothing, and the refused one uses none of her day either (4 used today).
     */
    async function spentSome() {
      const { db } = await open();
      await db.insertGenerations({
        rows: [
          makeRow({ status: "completed" }),
          makeRow({ status: "completed", createdAt: T0 - DAY_MS }),
          makeRow({ status: "queued" }),
          makeRow({ status: "failed", errorCode: "submit_invalid" }),
          makeRow({ status: "completed", model: "nano_banana_pro", imageSize: "4K" }),
          makeRow({ status: "completed", model: "nano_banana_pro", imageSize: "1K" }),
          makeRow({ status: "completed", createdAt: MONTH_START - 1 }),
          makeRow({ status: "completed", createdBy: "bob" }),
        ],
      });
      return db;
    }

    it("allows spending exactly the budget, and refuses a cent past it, naming what was spent", async () => {
      const db = await spentSome();
      const row = makeRow();
      expect(costOf(row)).toBe(0.1);
      const short = await db.insertGenerations({ rows: [row], limits: limits(0.6399, costOf(row)) });
      expect(short).toEqual({ created: false, rows: [], refused: { limit: "budget", usedToday: 4, active: 1, spent: 0.54 } });
      expect(await db.insertGenerations({ rows: [row], limits: limits(0.64, costOf(row)) })).toEqual({ created: true, rows: [row] });

      const next = await db.insertGenerations({ rows: [makeRow()], limits: limits(0.64, 0.1) });
      expect(next.refused).toEqual({ limit: "budget", usedToday: 5, active: 2, spent: 0.64 });
      // A free picture still fits a budget that is spent to the cent.
      const free = makeRow({ model: "nano_banana_pro", imageSize: "1K" });
      expect(await db.insertGenerations({ rows: [free], limits: limits(0.64, costOf(free)) })).toEqual({ created: true, rows: [free] });
    });

    it("checks the daily and active limits first, and no budget when none is given", async () => {
      const db = await spentSome();
      const daily = await db.insertGenerations({ rows: [makeRow()], limits: limits(0, 0.1, { daily: 4 }) });
      expect(daily.refused).toEqual({ limit: "daily", usedToday: 4, active: 1 });
      const active = await db.insertGenerations({ rows: [makeRow()], limits: limits(0, 0.1, { maxActive: 1 }) });
      expect(active.refused).toEqual({ limit: "active", usedToday: 4, active: 1 });
      const unbudgeted = await db.insertGenerations({ rows: [makeRow()], limits: { since: T0, daily: 100, maxActive: 100 } });
      expect(unbudgeted.created).toBe(true);
    });

    it("concurrent budgeted inserts from two connections: exactly as many as fit", async () => {
      const fixture = await open();
      const { db } = fixture;
      const other = await secondOf(fixture);
      // 0.1 + 0.1 + 0.1 is 0.30000000000000004 in floats: three must still fit in 0.3.
      for (const [fit, amount] of [[1, 0.1], [3, 0.3], [5, 0.5]]) {
        const createdBy = `spender${fit}`;
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            (i % 2 ? other : db).insertGenerations({
              rows: [makeRow({ createdBy, status: "completed", prompt: `try ${i}` })],
              limits: limits(amount, 0.1),
            }),
          ),
        );
        expect(results.filter((r) => r.created)).toHaveLength(fit);
        for (const result of results.filter((r) => !r.created)) expect(result.refused).toMatchObject({ limit: "budget", spent: amount });
        expect(await db.countCreatedSince({ createdBy, since: MONTH_START })).toBe(fit);
      }
    });
  });
}
