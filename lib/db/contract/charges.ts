import { describe, expect, it } from "vitest";
import { CANCELLED_CODE, NOT_SENT_CODE, UNKNOWN_OUTCOME_CODE } from "@/lib/contract";
import { makeRow, T0 } from "@/lib/db/shared/test-rows";
import type { GenerationRow, InsertLimits, StudioDatabase } from "@/lib/db/types";
import type { ContractOptions } from "./context";

// What counts as charged: every task the gateway took, whatever
// became of it (cancelled, timed out, lost, failed to download, an unknown
// outcome), counts toward the day's allowance, the month's budget and the
// usage, deleted or not; only requests that never reached the gateway, or that
// it refused, are free.

const PRICES = { nano_banana_2: 0.1 };

export function describeCharges(options: ContractOptions): void {
  const { open } = options;

  /** alice's month: 7 charged rows (one deleted) and 3 free ones (one deleted); bob's one charged row. */
  async function seeded(): Promise<StudioDatabase> {
    const { db } = await open();
    const failed = (over: Partial<GenerationRow>) => makeRow({ status: "failed", errorMessage: "it ended", ...over });
    const charged = [
      makeRow({ status: "completed", upstreamId: "task_done", createdAt: T0 + 1 }),
      // Cancelled by its person: the gateway may still finish it, so it stays in flight.
      makeRow({ status: "queued", upstreamId: "task_cancelled", cancelledAt: T0 + 5, createdAt: T0 + 2 }),
      failed({ upstreamId: "task_timeout", errorCode: "timeout", createdAt: T0 + 3 }),
      failed({ upstreamId: null, errorCode: UNKNOWN_OUTCOME_CODE, createdAt: T0 + 4 }),
      // Cancelled the old way (failed at once), with its task id.
      failed({ upstreamId: "task_old_cancel", errorCode: CANCELLED_CODE, createdAt: T0 + 5 }),
      failed({ upstreamId: "task_download", errorCode: "download_failed", createdAt: T0 + 6 }),
    ];
    const deletedCharged = failed({ upstreamId: "task_deleted", errorCode: "lost", createdAt: T0 + 7 });
    const free = [
      failed({ upstreamId: null, errorCode: NOT_SENT_CODE, createdAt: T0 + 8 }),
      failed({ upstreamId: null, errorCode: "submit_bad_request", createdAt: T0 + 9 }),
    ];
    const deletedFree = failed({ upstreamId: null, errorCode: "submit_rate_limited", createdAt: T0 + 10 });
    const bobs = failed({ upstreamId: "task_bob", errorCode: "timeout", createdBy: "bob", createdAt: T0 + 11 });
    await db.insertGenerations({ rows: [...charged, deletedCharged, ...free, deletedFree, bobs] });
    await db.deleteGeneration(deletedCharged.id);
    await db.deleteGeneration(deletedFree.id);
    return db;
  }

  const limits = (over: Partial<InsertLimits>): InsertLimits => ({ since: T0, daily: 100, maxActive: 100, ...over });

  describe("charged rows: every task the gateway took", () => {
    it("count in the day's allowance; refused and never-sent requests do not", async () => {
      const db = await seeded();
      expect(await db.countCreatedSince({ createdBy: "alice", since: T0 })).toBe(7);
      expect(await db.countCreatedSince({ createdBy: "bob", since: T0 })).toBe(1);
      // The insert's own check reads the same count: 7 used, one more fits in 8, a second does not.
      const fits = await db.insertGenerations({ rows: [makeRow({ createdAt: T0 + 20 })], limits: limits({ daily: 8 }) });
      expect(fits.created).toBe(true);
      const over = await db.insertGenerations({ rows: [makeRow({ createdAt: T0 + 21 })], limits: limits({ daily: 8 }) });
      expect(over.refused).toEqual({ limit: "daily", usedToday: 8, active: 2 });
    });

    it("count in the month's budget: completed, in flight and charged failures, deleted ones too", async () => {
      const db = await seeded();
      // 1 completed + 1 in flight (cancelled) + 5 charged failures (one deleted) at 0.1.
      const budget = (amount: number) => limits({ budget: { since: T0, amount, prices: PRICES, cost: 0.1 } });
      const refused = await db.insertGenerations({ rows: [makeRow({ createdAt: T0 + 20 })], limits: budget(0.75) });
      expect(refused.refused).toEqual({ limit: "budget", usedToday: 7, active: 1, spent: 0.7 });
      const fits = await db.insertGenerations({ rows: [makeRow({ createdAt: T0 + 20 })], limits: budget(0.8) });
      expect(fits.created).toBe(true);
    });

    it("are told apart in the usage: failed counts every failure, failedCharged those the gateway took", async () => {
      const db = await seeded();
      expect(await db.usageGroups({ from: T0, to: T0 + 100, groupBy: "user" })).toEqual([
        { key: "alice", model: "nano_banana_2", imageSize: null, completed: 1, failed: 8, failedCharged: 5, active: 1 },
        { key: "bob", model: "nano_banana_2", imageSize: null, completed: 0, failed: 1, failedCharged: 1, active: 0 },
      ]);
      expect(await db.usageGroups({ from: T0 + 8, to: T0 + 100, groupBy: "day", createdBy: "alice" })).toEqual([
        { key: "2025-06-15", model: "nano_banana_2", imageSize: null, completed: 0, failed: 3, failedCharged: 0, active: 0 },
      ]);
    });
  });

  // A delete frees no in-flight slot: the gateway goes on with (and bills) a
  // task whose row was deleted, and the studio can no longer ask about it, so
  // a row deleted while active counts as in flight for as long as the studio
  // would have waited for it: created at or after `inFlightSince`.
  describe("pictures deleted in flight keep their slot until they would have timed out", () => {
    const SINCE = T0 + 1_000;

    /** alice: 1 live in flight (older than the window), 2 deleted in flight within it, 1 before it, 1 deleted finished, 1 deleted failed; bob: 1 deleted in flight. */
    async function withDeleted(): Promise<StudioDatabase> {
      const { db } = await open();
      const live = makeRow({ status: "processing", upstreamId: "task_live", createdAt: T0 + 10 });
      const deleted = [
        makeRow({ status: "processing", upstreamId: "task_edge", createdAt: SINCE }),
        makeRow({ status: "submitting", upstreamId: null, createdAt: SINCE + 5 }),
        makeRow({ status: "queued", upstreamId: "task_old", createdAt: SINCE - 1 }),
        makeRow({ status: "completed", upstreamId: "task_done", createdAt: SINCE + 10 }),
        makeRow({ status: "failed", upstreamId: "task_failed", errorCode: "failed", errorMessage: "it ended", createdAt: SINCE + 20 }),
        makeRow({ status: "queued", upstreamId: "task_bob", createdBy: "bob", createdAt: SINCE + 30 }),
      ];
      await db.insertGenerations({ rows: [live, ...deleted] });
      for (const row of deleted) await db.deleteGeneration(row.id);
      return db;
    }

    it("count in countActive given inFlightSince (without it, live rows only)", async () => {
      const db = await withDeleted();
      expect(await db.countActive({ createdBy: "alice", inFlightSince: SINCE })).toBe(3);
      expect(await db.countActive({ createdBy: "bob", inFlightSince: SINCE })).toBe(1);
      expect(await db.countActive({ inFlightSince: SINCE })).toBe(4);
      // A millisecond later the one created at the window's start would have timed out.
      expect(await db.countActive({ createdBy: "alice", inFlightSince: SINCE + 1 })).toBe(2);
      expect(await db.countActive({ createdBy: "alice" })).toBe(1);
      expect(await db.countActive()).toBe(1);
    });

    it("count in the insert's in-flight check", async () => {
      const db = await withDeleted();
      const check = (maxActive: number, inFlightSince: number) =>
        db.insertGenerations({ rows: [makeRow({ createdAt: SINCE + 100 })], limits: limits({ maxActive, inFlightSince }) });
      // 3 in flight (1 live, 2 deleted): a fourth does not fit in 3.
      expect((await check(3, SINCE)).refused).toEqual({ limit: "active", usedToday: 6, active: 3 });
      // Once the edge row would have timed out, it fits.
      const fits = await check(3, SINCE + 1);
      expect(fits.created).toBe(true);
      expect(fits.refused).toBeUndefined();
    });
  });
}
