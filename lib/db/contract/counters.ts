import { describe, expect, it } from "vitest";
import { T0 } from "@/lib/db/shared/test-rows";
import { DAY_MS, secondOf, type ContractOptions } from "./context";

// Counters every instance shares: the daily upload allowance
// (upload_days) and fixed-window request counters (rate_counters). Each check
// and count is one statement, so two instances cannot both pass a limit.

export function describeCounters(options: ContractOptions): void {
  const { open } = options;
  const day = T0 - (T0 % DAY_MS);

  describe("upload allowance (upload_days)", () => {
    it("adds bytes while the day's total stays within the limit; past it nothing is added and the total is said", async () => {
      const { db } = await open();
      const add = (bytes: number, input: { createdBy?: string; day?: number } = {}) =>
        db.addUploadBytes({ createdBy: input.createdBy ?? "alice", day: input.day ?? day, bytes, limit: 100 });
      expect(await add(60)).toEqual({ added: true, total: 60 });
      expect(await add(40)).toEqual({ added: true, total: 100 });
      expect(await add(1)).toEqual({ added: false, total: 100 });
      // Another person, another day: their own totals.
      expect(await add(70, { createdBy: "bob" })).toEqual({ added: true, total: 70 });
      expect(await add(100, { day: day + DAY_MS })).toEqual({ added: true, total: 100 });
      expect(await add(0)).toEqual({ added: true, total: 100 });
    });

    it("one upload larger than the limit is refused on an empty day, and leaves no row behind", async () => {
      const { db } = await open();
      expect(await db.addUploadBytes({ createdBy: "alice", day, bytes: 101, limit: 100 })).toEqual({ added: false, total: 0 });
      expect(await db.addUploadBytes({ createdBy: "alice", day, bytes: 100, limit: 100 })).toEqual({ added: true, total: 100 });
    });

    it("bytes given back (an upload that was not stored after all) count no more, never below zero", async () => {
      const { db } = await open();
      await db.addUploadBytes({ createdBy: "alice", day, bytes: 90, limit: 100 });
      await db.returnUploadBytes({ createdBy: "alice", day, bytes: 50 });
      expect(await db.addUploadBytes({ createdBy: "alice", day, bytes: 60, limit: 100 })).toEqual({ added: true, total: 100 });
      await db.returnUploadBytes({ createdBy: "alice", day, bytes: 500 });
      await db.returnUploadBytes({ createdBy: "nobody", day, bytes: 5 });
      expect(await db.addUploadBytes({ createdBy: "alice", day, bytes: 0, limit: 100 })).toEqual({ added: true, total: 0 });
      expect(await db.addUploadBytes({ createdBy: "nobody", day, bytes: 0, limit: 100 })).toEqual({ added: true, total: 0 });
    });

    it("concurrent uploads from two connections pass the limit together never: 30 of 10 bytes against 100, exactly 10 added", async () => {
      const fixture = await open();
      const second = await secondOf(fixture);
      const tries = Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? second : fixture.db).addUploadBytes({ createdBy: "alice", day, bytes: 10, limit: 100 }),
      );
      const answers = await Promise.all(tries);
      expect(answers.filter((a) => a.added)).toHaveLength(10);
      expect(answers.filter((a) => a.added).map((a) => a.total).sort((x, y) => x - y)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
      expect(answers.filter((a) => !a.added).every((a) => a.total === 100)).toBe(true);
    });

    it("days before a given day are forgotten; that day and later stay", async () => {
      const { db } = await open();
      for (const d of [day - 2 * DAY_MS, day - DAY_MS, day]) await db.addUploadBytes({ createdBy: "alice", day: d, bytes: 100, limit: 100 });
      expect(await db.deleteUploadDaysBefore(day - DAY_MS)).toBe(1);
      expect((await db.addUploadBytes({ createdBy: "alice", day: day - 2 * DAY_MS, bytes: 1, limit: 100 })).total).toBe(1);
      expect((await db.addUploadBytes({ createdBy: "alice", day: day - DAY_MS, bytes: 1, limit: 100 })).added).toBe(false);
      expect((await db.addUploadBytes({ createdBy: "alice", day, bytes: 1, limit: 100 })).added).toBe(false);
    });
  });

  describe("rate counters (rate_counters)", () => {
    it("counts per key and window: 1, 2, 3; another key or window starts at 1", async () => {
      const { db } = await open();
      const take = (key: string, windowStart = T0) => db.incrementRateCounter({ key, windowStart });
      expect([await take("share-page:192.0.2.1"), await take("share-page:192.0.2.1"), await take("share-page:192.0.2.1")]).toEqual([1, 2, 3]);
      expect(await take("share-page:192.0.2.2")).toBe(1);
      expect(await take("share-image:192.0.2.1")).toBe(1);
      expect(await take("share-page:192.0.2.1", T0 + 60_000)).toBe(1);
    });

    it("concurrent counts from two connections are each a different number: 40 takes give 1 to 40", async () => {
      const fixture = await open();
      const second = await secondOf(fixture);
      const counts = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 ? second : fixture.db).incrementRateCounter({ key: "share-page:192.0.2.9", windowStart: T0 })),
      );
      expect([...counts].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    });

    it("windows that started before a time are deleted; later ones keep counting", async () => {
      const { db } = await open();
      await db.incrementRateCounter({ key: "a", windowStart: T0 - 120_000 });
      await db.incrementRateCounter({ key: "b", windowStart: T0 - 60_000 });
      await db.incrementRateCounter({ key: "a", windowStart: T0 });
      expect(await db.deleteRateCountersBefore(T0 - 60_000)).toBe(1);
      expect(await db.incrementRateCounter({ key: "a", windowStart: T0 - 120_000 })).toBe(1);
      expect(await db.incrementRateCounter({ key: "b", windowStart: T0 - 60_000 })).toBe(2);
      expect(await db.incrementRateCounter({ key: "a", windowStart: T0 })).toBe(2);
    });
  });
}
