import { describe, expect, it } from "vitest";
import { CANCELLED_CODE, UNKNOWN_OUTCOME_CODE } from "@/lib/contract";
import { makeRow, T0 } from "@/lib/db/shared/test-rows";
import type { StudioDatabase } from "@/lib/db/types";
import { secondOf, type ContractOptions } from "./context";

// recordSubmission, tryClaimPoll (with and without a lease, with a staging
// holder), renewPollLease, and listActive as the poller pages through it.

export function describePolling(options: ContractOptions): void {
  const { open } = options;

  describe("recordSubmission", () => {
    const submitted = { upstreamId: "task_77", status: "queued" as const, progress: 5, now: T0 + 2_000 };

    it("a submitting row gets the task id, the status and progress given: polling", async () => {
      const { db } = await open();
      const row = makeRow({ status: "submitting" });
      const other = makeRow({ status: "submitting" });
      await db.insertGenerations({ rows: [row, other] });
      const after = { ...row, upstreamId: "task_77", status: "queued" as const, progress: 5, updatedAt: T0 + 2_000 };
      expect(await db.recordSubmission({ id: row.id, ...submitted })).toEqual({ row: after, revived: false, polling: true });
      expect(await db.getGeneration(row.id)).toEqual(after);
      expect(await db.getGeneration(other.id)).toEqual(other);

      const processing = await db.recordSubmission({ id: other.id, ...submitted, upstreamId: "task_78", status: "processing", progress: 30 });
      expect(processing?.row).toMatchObject({ upstreamId: "task_78", status: "processing", progress: 30 });
    });

    it("a row failed as an unknown outcome goes back to polling, its error cleared: revived", async () => {
      const { db } = await open();
      const row = makeRow({ status: "failed", errorCode: UNKNOWN_OUTCOME_CODE, errorMessage: "may have been billed" });
      await db.insertGenerations({ rows: [row] });
      const after = { ...row, upstreamId: "task_77", status: "queued" as const, progress: 5, errorCode: null, errorMessage: null, updatedAt: T0 + 2_000 };
      expect(await db.recordSubmission({ id: row.id, ...submitted })).toEqual({ row: after, revived: true, polling: true });
      expect(await db.getGeneration(row.id)).toEqual(after);
    });

    it("a cancelled row only gets the task id, for the record, and stays failed", async () => {
      const { db } = await open();
      const row = makeRow({ status: "failed", errorCode: CANCELLED_CODE, errorMessage: "Cancelled" });
      await db.insertGenerations({ rows: [row] });
      const after = { ...row, upstreamId: "task_77", updatedAt: T0 + 2_000 };
      expect(await db.recordSubmission({ id: row.id, ...submitted })).toEqual({ row: after, revived: false, polling: false });
      expect(await db.getGeneration(row.id)).toEqual(after);
    });

    it("a row failed otherwise (timed out, refused) only gets the task id too", async () => {
      const { db } = await open();
      const row = makeRow({ status: "failed", errorCode: "timeout", errorMessage: "Timed out" });
      await db.insertGenerations({ rows: [row] });
      const result = await db.recordSubmission({ id: row.id, ...submitted });
      expect(result).toEqual({ row: { ...row, upstreamId: "task_77", updatedAt: T0 + 2_000 }, revived: false, polling: false });
    });

    it("leaves a row that already has a task id alone", async () => {
      const { db } = await open();
      const failed = makeRow({ status: "failed", errorCode: UNKNOWN_OUTCOME_CODE, upstreamId: "task_1" });
      const running = makeRow({ status: "processing", progress: 40, upstreamId: "task_2" });
      await db.insertGenerations({ rows: [failed, running] });
      expect(await db.recordSubmission({ id: failed.id, ...submitted })).toEqual({ row: failed, revived: false, polling: false });
      expect(await db.recordSubmission({ id: running.id, ...submitted })).toEqual({ row: running, revived: false, polling: false });
      expect(await db.getGenerations([failed.id, running.id])).toEqual([failed, running]);
    });

    it("answers undefined for a row that is gone", async () => {
      const { db } = await open();
      expect(await db.recordSubmission({ id: "gen_missing", ...submitted })).toBeUndefined();
    });
  });

  describe("tryClaimPoll", () => {
    it("gives exactly one claim among 20 callers on two connections, and another after the interval", async () => {
      const fixture = await open();
      const { db } = fixture;
      const row = makeRow();
      await db.insertGenerations({ rows: [row] });
      const other = await secondOf(fixture);
      for (let round = 0; round < 5; round++) {
        const now = T0 + round * 1000;
        const claims = await Promise.all(
          Array.from({ length: 20 }, (_, i) => (i % 2 ? other : db).tryClaimPoll({ id: row.id, now, intervalMs: 1000 })),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect((await db.getGeneration(row.id))?.lastPolledAt).toBe(now);
      }
      // Callers a little apart within one interval: still one claim, at its caller's time.
      const spread = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? other : db).tryClaimPoll({ id: row.id, now: T0 + 5_000 + i, intervalMs: 1000 })),
      );
      expect(spread.filter(Boolean)).toHaveLength(1);
      expect((await db.getGeneration(row.id))?.lastPolledAt).toBe(T0 + 5_000 + spread.indexOf(true));
      await db.updateGeneration({ id: row.id, patch: { lastPolledAt: T0 + 4_000 } });
      const last = T0 + 4000;
      expect(await db.tryClaimPoll({ id: row.id, now: last + 999, intervalMs: 1000 })).toBe(false);
      expect(await other.tryClaimPoll({ id: row.id, now: last + 1000, intervalMs: 1000 })).toBe(true);
      expect(await db.tryClaimPoll({ id: row.id, now: last + 1500, intervalMs: 1000 })).toBe(false);
      expect(await db.tryClaimPoll({ id: "gen_missing", now: T0, intervalMs: 1000 })).toBe(false);
    });

    it("without an owner the claim is the plain per-interval bound", async () => {
      const { db } = await open();
      const row = makeRow({ status: "queued", upstreamId: "task_2" });
      await db.insertGenerations({ rows: [row] });
      expect(await db.tryClaimPoll({ id: row.id, now: T0, intervalMs: 1_000 })).toBe(true);
      expect(await db.tryClaimPoll({ id: row.id, now: T0 + 999, intervalMs: 1_000 })).toBe(false);
      expect(await db.tryClaimPoll({ id: row.id, now: T0 + 1_000, intervalMs: 1_000 })).toBe(true);
      expect((await db.getGeneration(row.id))?.lastPolledAt).toBe(T0 + 1_000);
    });

    it("one owner polls while its lease runs; another takes over after it expires", async () => {
      const fixture = await open();
      const a = fixture.db;
      const b = await secondOf(fixture);
      const row = makeRow({ status: "processing", upstreamId: "task_1" });
      await a.insertGenerations({ rows: [row] });
      const claim = (db: StudioDatabase, owner: string, now: number) =>
        db.tryClaimPoll({ id: row.id, now, intervalMs: 1_000, owner, leaseMs: 5_000 });

      expect(await claim(a, "A", T0)).toBe(true);
      // Same interval: nobody, not even A.
      expect(await claim(b, "B", T0 + 500)).toBe(false);
      expect(await claim(a, "A", T0 + 500)).toBe(false);
      // Next interval: only the lease holder, who renews.
      expect(await claim(b, "B", T0 + 1_000)).toBe(false);
      // B's refused claim did not move the poll time: A's next one still counts from T0.
      expect((await a.getGeneration(row.id))?.lastPolledAt).toBe(T0);
      expect(await claim(a, "A", T0 + 1_000)).toBe(true);
      // A stops (dies). B waits out the lease renewed at T0+1000, then owns the row.
      expect(await claim(b, "B", T0 + 5_999)).toBe(false);
      expect(await claim(b, "B", T0 + 6_001)).toBe(true);
      expect(await claim(a, "A", T0 + 7_500)).toBe(false);
    });

    it("the lease lasts three intervals unless leaseMs says otherwise", async () => {
      const { db } = await open();
      const row = makeRow({ status: "processing", upstreamId: "task_3" });
      await db.insertGenerations({ rows: [row] });
      expect(await db.tryClaimPoll({ id: row.id, now: T0, intervalMs: 1_000, owner: "A" })).toBe(true);
      expect(await db.tryClaimPoll({ id: row.id, now: T0 + 2_999, intervalMs: 1_000, owner: "B" })).toBe(false);
      expect(await db.tryClaimPoll({ id: row.id, now: T0 + 3_000, intervalMs: 1_000, owner: "B" })).toBe(true);
    });

    it("exactly one of 20 racing owners on two connections gets a free row", async () => {
      const fixture = await open();
      const a = fixture.db;
      const b = await secondOf(fixture);
      const row = makeRow({ status: "queued", upstreamId: "task_2" });
      await a.insertGenerations({ rows: [row] });
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? b : a).tryClaimPoll({ id: row.id, now: T0, intervalMs: 1_000, owner: `owner-${i}`, leaseMs: 5_000 }),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const winner = `owner-${claims.indexOf(true)}`;
      // The winner holds the lease: nobody else may renew it.
      expect(await a.renewPollLease({ id: row.id, owner: "someone", now: T0 + 1, until: T0 + 10_000 })).toBe(false);
      expect(await b.renewPollLease({ id: row.id, owner: winner, now: T0 + 1, until: T0 + 10_000 })).toBe(true);
    });
  });

  describe("tryClaimPoll with a staging holder", () => {
    const holder = (id: string, abandonedBefore = T0 - 60_000) => ({ id, abandonedBefore });

    it("a row whose bytes another holder staged is refused until that holder has been silent; its holder claims it", async () => {
      const { db } = await open();
      const row = makeRow({ status: "processing", upstreamId: "task_1", stagedBy: "stg-A", lastPolledAt: T0, resultSeenAt: T0 });
      await db.insertGenerations({ rows: [row] });
      const claim = (id: string, now: number, abandonedBefore?: number) =>
        db.tryClaimPoll({ id: row.id, now, intervalMs: 1_000, owner: `owner-${id}`, leaseMs: 1_000, holder: holder(id, abandonedBefore) });

      expect(await claim("stg-B", T0 + 60_000)).toBe(false);
      // Silent since T0, but not yet for long enough.
      expect(await claim("stg-B", T0 + 60_000, T0 - 1)).toBe(false);
      expect((await db.getGeneration(row.id))?.lastPolledAt).toBe(T0);
      expect(await claim("stg-A", T0 + 60_000)).toBe(true);
      expect(await claim("stg-B", T0 + 120_000, T0 + 59_999)).toBe(false);
      // The holder's last poll (T0 + 60 s) is at or before abandonedBefore: it counts as gone.
      expect(await claim("stg-B", T0 + 120_000, T0 + 60_000)).toBe(true);
    });

    it("rows nobody staged are claimed as before, with or without a holder", async () => {
      const { db } = await open();
      const row = makeRow({ status: "processing", upstreamId: "task_1" });
      await db.insertGenerations({ rows: [row] });
      expect(await db.tryClaimPoll({ id: row.id, now: T0, intervalMs: 1_000, owner: "A", holder: holder("stg-B") })).toBe(true);
      expect(await db.tryClaimPoll({ id: row.id, now: T0 + 1_000, intervalMs: 1_000 })).toBe(true);
    });
  });

  describe("listActive as the poller pages through it", () => {
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

    it("with 600 active rows whose oldest 500 were just polled, the next due batch holds the other 100", async () => {
      const { db } = await open();
      const polled = Array.from({ length: 500 }, () => makeRow({ status: "processing", upstreamId: "task_p", lastPolledAt: T0 }));
      const others = Array.from({ length: 100 }, () => makeRow({ status: "processing", upstreamId: "task_o" }));
      await db.insertGenerations({ rows: [...polled, ...others] });
      const batch = await db.listActive({ limit: 500, due: { now: T0 + 500, intervalMs: 1_000 } });
      expect(ids(batch)).toEqual(ids(others));
      // An interval later every row is due again: oldest first, a batch at a time.
      expect(ids(await db.listActive({ limit: 500, due: { now: T0 + 1_000, intervalMs: 1_000 } }))).toEqual(ids(polled));
    });

    it("pages on after a cursor (the poller's rotation), oldest first, finished rows left out", async () => {
      const { db } = await open();
      const rows = [
        makeRow({ status: "submitting" }),
        makeRow({ status: "completed" }),
        makeRow({ status: "queued" }),
        makeRow({ status: "processing" }),
        makeRow({ status: "failed" }),
        makeRow({ status: "queued" }),
      ];
      await db.insertGenerations({ rows });
      const active = [rows[0], rows[2], rows[3], rows[5]];
      expect(ids(await db.listActive({ limit: 2 }))).toEqual(ids(active.slice(0, 2)));
      expect(ids(await db.listActive({ limit: 2, afterId: rows[2].id }))).toEqual(ids(active.slice(2)));
      expect(await db.listActive({ limit: 2, afterId: rows[5].id })).toEqual([]);
    });

    it("with a holder, leaves out rows another holder staged (until it has been silent), keeps its own", async () => {
      const { db } = await open();
      const plain = makeRow({ status: "processing", upstreamId: "task_1", lastPolledAt: T0 });
      const mine = makeRow({ status: "processing", upstreamId: "task_2", stagedBy: "stg-A", lastPolledAt: T0 });
      const theirs = makeRow({ status: "processing", upstreamId: "task_3", stagedBy: "stg-B", lastPolledAt: T0 });
      await db.insertGenerations({ rows: [plain, mine, theirs] });
      const due = { now: T0 + 60_000, intervalMs: 1_000 };
      expect(ids(await db.listActive({ limit: 10, due }))).toEqual(ids([plain, mine, theirs]));
      expect(ids(await db.listActive({ limit: 10, due, holder: { id: "stg-A", abandonedBefore: T0 - 1 } }))).toEqual(ids([plain, mine]));
      expect(ids(await db.listActive({ limit: 10, due, holder: { id: "stg-A", abandonedBefore: T0 } }))).toEqual(ids([plain, mine, theirs]));
    });
  });

  describe("renewPollLease", () => {
    async function leased() {
      const fixture = await open();
      const row = makeRow({ status: "processing", upstreamId: "task_1" });
      await fixture.db.insertGenerations({ rows: [row] });
      expect(await fixture.db.tryClaimPoll({ id: row.id, now: T0, intervalMs: 1_000, owner: "A", leaseMs: 5_000 })).toBe(true);
      return { ...fixture, row };
    }

    it("the owner extends its lease, which then keeps others out past the old end", async () => {
      const { db, row } = await leased();
      expect(await db.renewPollLease({ id: row.id, owner: "A", now: T0 + 4_000, until: T0 + 20_000 })).toBe(true);
      expect(await db.tryClaimPoll({ id: row.id, now: T0 + 10_000, intervalMs: 1_000, owner: "B", leaseMs: 5_000 })).toBe(false);
      expect(await db.tryClaimPoll({ id: row.id, now: T0 + 20_000, intervalMs: 1_000, owner: "B", leaseMs: 5_000 })).toBe(true);
    });

    it("another owner's live lease is not taken", async () => {
      const fixture = await leased();
      const other = await secondOf(fixture);
      const { db, row } = fixture;
      expect(await other.renewPollLease({ id: row.id, owner: "B", now: T0 + 4_999, until: T0 + 60_000 })).toBe(false);
      // A still holds it: A renews, and B's claims stay refused until A's lease ends.
      expect(await db.renewPollLease({ id: row.id, owner: "A", now: T0 + 4_999, until: T0 + 8_000 })).toBe(true);
      expect(await other.tryClaimPoll({ id: row.id, now: T0 + 7_999, intervalMs: 1_000, owner: "B", leaseMs: 5_000 })).toBe(false);
      expect(await other.tryClaimPoll({ id: row.id, now: T0 + 8_000, intervalMs: 1_000, owner: "B", leaseMs: 5_000 })).toBe(true);
    });

    it("an expired lease is taken, and its old owner is then refused", async () => {
      const { db, row } = await leased();
      expect(await db.renewPollLease({ id: row.id, owner: "B", now: T0 + 5_000, until: T0 + 30_000 })).toBe(true);
      expect(await db.renewPollLease({ id: row.id, owner: "A", now: T0 + 6_000, until: T0 + 30_000 })).toBe(false);
      expect(await db.tryClaimPoll({ id: row.id, now: T0 + 10_000, intervalMs: 1_000, owner: "A", leaseMs: 5_000 })).toBe(false);
      expect(await db.tryClaimPoll({ id: row.id, now: T0 + 10_000, intervalMs: 1_000, owner: "B", leaseMs: 5_000 })).toBe(true);
    });

    it("a row nobody leased yet is taken", async () => {
      const { db } = await open();
      const row = makeRow({ status: "processing", upstreamId: "task_1" });
      await db.insertGenerations({ rows: [row] });
      expect(await db.renewPollLease({ id: row.id, owner: "A", now: T0, until: T0 + 5_000 })).toBe(true);
      expect(await db.tryClaimPoll({ id: row.id, now: T0 + 1_000, intervalMs: 1_000, owner: "B" })).toBe(false);
    });
  });
}
