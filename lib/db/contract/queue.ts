import { describe, expect, it } from "vitest";
import { makeRow, T0 } from "@/lib/db/shared/test-rows";
import type { GenerationRow, InsertLimits, StudioDatabase } from "@/lib/db/types";
import { ids, secondOf, type ContractOptions } from "./context";

// The queue: past the in-flight cap, rows wait (status
// `waiting`) instead of being refused, up to maxQueued per person; the poller
// claims the oldest of them as slots free, in one step in the database so two
// instances never send one row twice nor pass the cap. Waiting rows count in
// the day's allowance and are reserved in the budget at insert, but nobody is
// charged for them until they are sent.

const PRICES = { nano_banana_2: 0.1 };

export function describeQueue(options: ContractOptions): void {
  const { open } = options;
  const limits = (over: Partial<InsertLimits> = {}): InsertLimits => ({ since: T0, daily: 100, maxActive: 2, maxQueued: 5, ...over });
  const fresh = (over: Partial<GenerationRow> = {}) => makeRow({ status: "submitting", ...over });
  const statuses = (rows: readonly GenerationRow[]) => rows.map((r) => r.status);
  const claim = (db: StudioDatabase, over: Partial<Parameters<StudioDatabase["claimWaiting"]>[0]> = {}) =>
    db.claimWaiting({ createdBy: "alice", maxActive: 2, now: T0 + 100, ...over });

  describe("insertGenerations with a queue", () => {
    it("a batch past the free slots: as many as fit are in flight, the rest wait, in the batch's order", async () => {
      const { db } = await open();
      const batch = [fresh(), fresh(), fresh(), fresh()];
      const inserted = await db.insertGenerations({ rows: batch, limits: limits() });
      expect(inserted.created).toBe(true);
      expect(ids(inserted.rows)).toEqual(ids(batch));
      expect(statuses(inserted.rows)).toEqual(["submitting", "submitting", "waiting", "waiting"]);
      expect(statuses(await db.getGenerations(ids(batch)))).toEqual(["submitting", "submitting", "waiting", "waiting"]);
      // Waiting rows hold no in-flight slot, and the poller does not poll them.
      expect(await db.countActive({ createdBy: "alice" })).toBe(2);
      expect(ids(await db.listActive({ limit: 100 }))).toEqual(ids(batch.slice(0, 2)));
      // The gallery's "in progress" lists them.
      expect(ids(await db.listGenerations({ status: "active", limit: 100 })).sort()).toEqual(ids(batch).sort());
    });

    it("FIFO: while rows wait, new rows wait behind them even with a slot free", async () => {
      const { db } = await open();
      const first = [fresh(), fresh(), fresh()];
      await db.insertGenerations({ rows: first, limits: limits() });
      await db.updateGeneration({ id: first[0].id, patch: { status: "completed" } });
      const next = fresh({ createdAt: T0 + 1 });
      const inserted = await db.insertGenerations({ rows: [next], limits: limits() });
      expect(statuses(inserted.rows)).toEqual(["waiting"]);
      expect(ids(await db.listWaiting({ createdBy: "alice" }))).toEqual([first[2].id, next.id]);
      expect(await db.waitingPeople()).toEqual(["alice"]);
    });

    it("past the queue: refused whole, naming what is in flight and what waits; nothing inserted", async () => {
      const { db } = await open();
      await db.insertGenerations({ rows: [fresh(), fresh(), fresh(), fresh()], limits: limits({ maxQueued: 3 }) });
      const refused = await db.insertGenerations({ rows: [fresh(), fresh()], limits: limits({ maxQueued: 3 }) });
      expect(refused).toEqual({ created: false, rows: [], refused: { limit: "active", usedToday: 4, active: 2, waiting: 2 } });
      const fits = await db.insertGenerations({ rows: [fresh()], limits: limits({ maxQueued: 3 }) });
      expect(statuses(fits.rows)).toEqual(["waiting"]);
      expect(await db.listGenerations({ limit: 100 })).toHaveLength(5);
    });

    it("without maxQueued (or 0) nothing waits: past the cap is refused as before", async () => {
      const { db } = await open();
      await db.insertGenerations({ rows: [fresh(), fresh()], limits: limits({ maxQueued: 0 }) });
      const refused = await db.insertGenerations({ rows: [fresh()], limits: limits({ maxQueued: 0 }) });
      expect(refused.refused).toEqual({ limit: "active", usedToday: 2, active: 2 });
      const { maxQueued: _, ...none } = limits();
      expect((await db.insertGenerations({ rows: [fresh()], limits: none })).refused?.limit).toBe("active");
    });

    it("waiting rows count in the day's allowance and are reserved in the budget, but are not charged in the usage", async () => {
      const { db } = await open();
      await db.insertGenerations({ rows: [fresh(), fresh(), fresh()], limits: limits() });
      expect(await db.countCreatedSince({ createdBy: "alice", since: T0 })).toBe(3);
      const daily = await db.insertGenerations({ rows: [fresh()], limits: limits({ daily: 3 }) });
      expect(daily.refused).toMatchObject({ limit: "daily", usedToday: 3 });
      // 3 × 0.10 reserved of 0.35: one more (0.10) does not fit.
      const budget = { since: T0, amount: 0.35, prices: PRICES, cost: 0.1 };
      const over = await db.insertGenerations({ rows: [fresh()], limits: limits({ budget }) });
      expect(over.refused).toMatchObject({ limit: "budget", spent: 0.3 });
      const [usage] = await db.usageGroups({ from: T0, to: T0 + 1_000, groupBy: "user", createdBy: "alice" });
      expect(usage).toMatchObject({ active: 2, completed: 0, failed: 0, failedCharged: 0 });
    });
  });

  describe("claimWaiting", () => {
    it("claims the oldest waiting rows (by createdAt, then id) up to the free slots, as submitting", async () => {
      const { db } = await open();
      const inFlight = fresh({ status: "processing", upstreamId: "task_1" });
      // Made in another order than their ids: createdAt decides, the id breaks ties.
      const [a, b, c, d] = [fresh(), fresh(), fresh(), fresh()];
      const waiting = [
        { ...c, status: "waiting" as const, createdAt: T0 + 1 },
        { ...d, status: "waiting" as const, createdAt: T0 + 3 },
        { ...a, status: "waiting" as const, createdAt: T0 + 2 },
        { ...b, status: "waiting" as const, createdAt: T0 + 2 },
        fresh({ status: "waiting", createdBy: "bob" }),
      ];
      await db.insertGenerations({ rows: [inFlight, ...waiting] });
      expect(ids(await db.listWaiting({ createdBy: "alice" }))).toEqual([c.id, a.id, b.id, d.id]);

      const first = await claim(db, { maxActive: 3 });
      expect(ids(first.claimed)).toEqual([c.id, a.id]);
      expect(first.claimed.map((r) => [r.status, r.submittedAt])).toEqual([["submitting", T0 + 100], ["submitting", T0 + 100]]);
      expect(first.overBudget).toEqual([]);
      expect(await db.countActive({ createdBy: "alice" })).toBe(3);
      // No slot free: nothing claimed; bob's row is bob's.
      expect((await claim(db, { maxActive: 3 })).claimed).toEqual([]);
      expect(ids(await db.listWaiting({ createdBy: "alice" }))).toEqual([b.id, d.id]);
      expect((await db.waitingPeople()).sort()).toEqual(["alice", "bob"]);
    });

    it("deleted in-flight rows still hold their slots (inFlightSince); a deleted waiting row holds none and is not charged", async () => {
      const { db } = await open();
      const gone = fresh({ status: "processing", upstreamId: "task_gone", createdAt: T0 + 5 });
      const waits = [fresh({ status: "waiting", createdAt: T0 + 6 }), fresh({ status: "waiting", createdAt: T0 + 7 }), fresh({ status: "waiting", createdAt: T0 + 8 })];
      await db.insertGenerations({ rows: [gone, ...waits] });
      await db.deleteGeneration(gone.id);
      await db.deleteGeneration(waits[0].id);
      expect(await db.countActive({ createdBy: "alice", inFlightSince: T0 })).toBe(1);
      expect(await db.countCreatedSince({ createdBy: "alice", since: T0 })).toBe(3);
      const [usage] = await db.usageGroups({ from: T0, to: T0 + 1_000, groupBy: "user", createdBy: "alice" });
      // Only the deleted in-flight one: the waiting rows, live or deleted, are not charged.
      expect(usage).toMatchObject({ active: 1, completed: 0, failed: 0, failedCharged: 0 });
      // The deleted in-flight row holds one of two slots until inFlightSince passes its createdAt.
      expect(ids((await claim(db, { inFlightSince: T0 })).claimed)).toEqual([waits[1].id]);
      expect(ids((await claim(db, { inFlightSince: T0 + 6 })).claimed)).toEqual([waits[2].id]);
    });

    it("two claimers at once (two connections) never pass the cap nor claim a row twice", async () => {
      const fixture = await open();
      const { db } = fixture;
      const other = await secondOf(fixture);
      const waits = Array.from({ length: 10 }, (_, i) => fresh({ status: "waiting", createdAt: T0 + i }));
      await db.insertGenerations({ rows: [fresh({ status: "queued", upstreamId: "task_1" }), ...waits] });
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => claim(i % 2 ? other : db, { maxActive: 4 })));
      const claimed = results.flatMap((r) => ids(r.claimed));
      expect(claimed.sort()).toEqual(ids(waits.slice(0, 3)).sort());
      expect(await db.countActive({ createdBy: "alice" })).toBe(4);
      expect(ids(await db.listWaiting({ createdBy: "alice" }))).toEqual(ids(waits.slice(3)));
    });

    it("a claim and an insert at once (two connections): the cap holds and the insert waits behind the queue", async () => {
      const fixture = await open();
      const { db } = fixture;
      const other = await secondOf(fixture);
      const waits = [fresh({ status: "waiting", createdAt: T0 }), fresh({ status: "waiting", createdAt: T0 + 1 })];
      await db.insertGenerations({ rows: waits });
      const late = fresh({ createdAt: T0 + 2 });
      const [claimed, inserted] = await Promise.all([claim(db), other.insertGenerations({ rows: [late], limits: limits() })]);
      expect(await db.countActive({ createdBy: "alice" })).toBe(2);
      // Whichever went first, the two that waited are sent and the new row waits behind them.
      expect(ids(claimed.claimed)).toEqual(ids(waits));
      expect(statuses(inserted.rows)).toEqual(["waiting"]);
    });

    it("with a budget: each row is checked again at its price; rows that no longer fit stay waiting and are named, the rest are claimed", async () => {
      const { db } = await open();
      await db.insertGenerations({ rows: [makeRow({ status: "completed", upstreamId: "task_done" })] });
      const pricey = fresh({ status: "waiting", model: "nano_banana_pro", imageSize: "4K", createdAt: T0 + 1 });
      const cheap = fresh({ status: "waiting", createdAt: T0 + 2 });
      const second = fresh({ status: "waiting", createdAt: T0 + 3 });
      await db.insertGenerations({ rows: [pricey, cheap, second] });
      const budget = { since: T0, amount: 0.2, prices: { ...PRICES, "nano_banana_pro-4K": 0.24 } };
      const result = await claim(db, { maxActive: 5, budget });
      // 0.10 spent (the completed one; waiting rows are not charged): 0.24 more does not fit, 0.10 does, then 0.30 > 0.20.
      expect(ids(result.claimed)).toEqual([cheap.id]);
      expect(result.overBudget.map((o) => [o.row.id, o.spent])).toEqual([[pricey.id, 0.1], [second.id, 0.2]]);
      expect(statuses(await db.getGenerations([pricey.id, cheap.id, second.id]))).toEqual(["waiting", "submitting", "waiting"]);
    });
  });
}
