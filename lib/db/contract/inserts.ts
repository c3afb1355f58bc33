import { describe, expect, it } from "vitest";
import { makeCompletedRow, makeReference, makeRow, T0 } from "@/lib/db/shared/test-rows";
import type { InsertLimits } from "@/lib/db/types";
import { DAY_MS, rejection, secondOf, type ContractOptions } from "./context";

// insertGenerations (rows, idempotency, limits), findIdempotent, reading back.

export function describeInserts(options: ContractOptions): void {
  const { open, expectForeignKeyError } = options;
  const ttlMs = DAY_MS;

  describe("insertGenerations and reading back", () => {
    it("round-trips every field: JSON references, booleans, nulls, big and fractional numbers", async () => {
      const { db } = await open();
      const ref = makeReference();
      await db.insertReference(ref);
      const full = makeCompletedRow({
        references: [
          { kind: "url", url: "https://example.com/a.png" },
          { kind: "stored", id: ref.id },
        ],
        progress: 62.5,
      });
      const empty = makeRow();
      // Fractions kept exactly (no 4-byte float); times past 2^31 ms and 2^32.
      const odd = makeRow({ progress: 33.3, createdAt: 8_640_000_000_000, updatedAt: 2 ** 53 - 1 });
      const saving = makeRow({
        status: "processing",
        upstreamId: "task_saving",
        resultSeenAt: T0 + 5_000,
        resultUrl: "https://cdn.example.com/r/task_saving.png?sig=a%2Bb&x=1",
        savingReason: "Storage is not answering; the picture is kept and saved when it is back.",
      });
      const result = await db.insertGenerations({ rows: [full, empty, odd, saving] });
      expect(result).toEqual({ created: true, rows: [full, empty, odd, saving] });

      for (const row of [full, empty, odd, saving]) expect(await db.getGeneration(row.id)).toEqual(row);
      expect(await db.getGeneration("gen_missing")).toBeUndefined();
      expect(await db.getReference(ref.id)).toEqual(ref);
      expect(await db.getReference("ref_missing")).toBeUndefined();
    });

    it("returns copies of the rows it was given", async () => {
      const { db } = await open();
      const row = makeRow({ references: [{ kind: "url", url: "https://example.com/a.png" }] });
      const { rows } = await db.insertGenerations({ rows: [row] });
      expect(rows[0]).not.toBe(row);
      expect(rows[0].references).not.toBe(row.references);
    });

    it("getGenerations answers in the order asked, skipping unknown ids", async () => {
      const { db } = await open();
      const rows = [makeRow(), makeRow(), makeRow()];
      await db.insertGenerations({ rows });
      const got = await db.getGenerations([rows[2].id, "gen_nope", rows[0].id, rows[2].id]);
      expect(got.map((r) => r.id)).toEqual([rows[2].id, rows[0].id]);
      expect(await db.getGenerations([])).toEqual([]);
    });

    it("rejects a stored reference that was never inserted, and inserts none of the batch", async () => {
      const { db } = await open();
      const row = makeRow({ references: [{ kind: "stored", id: "ref_ghost" }] });
      expectForeignKeyError(await rejection(db.insertGenerations({ rows: [makeRow(), row] })));
      expect(await db.listGenerations({ limit: 10 })).toEqual([]);
    });

    it("rejects a second row with an id already used, inserting nothing", async () => {
      const { db } = await open();
      const row = makeRow();
      await db.insertGenerations({ rows: [row] });
      await rejection(db.insertGenerations({ rows: [makeRow(), { ...row, prompt: "again" }] }));
      expect(await db.listGenerations({ limit: 10 })).toEqual([row]);
    });
  });

  describe("idempotency", () => {
    it("the same key twice gives the first rows back, in order, with created: false", async () => {
      const { db } = await open();
      const first = [makeRow({ prompt: "one" }), makeRow({ prompt: "two" })];
      const idempotency = { key: "k1", createdBy: "alice", now: T0, ttlMs };
      expect(await db.insertGenerations({ rows: first, idempotency })).toEqual({ created: true, rows: first });

      const again = await db.insertGenerations({
        rows: [makeRow({ prompt: "retry" })],
        idempotency: { ...idempotency, now: T0 + 60_000 },
      });
      expect(again).toEqual({ created: false, rows: first });
      expect(await db.listGenerations({ limit: 10 })).toHaveLength(2);
    });

    it("keys are per person", async () => {
      const { db } = await open();
      await db.insertGenerations({ rows: [makeRow()], idempotency: { key: "k", createdBy: "alice", now: T0, ttlMs } });
      const bobs = [makeRow({ createdBy: "bob" })];
      const result = await db.insertGenerations({
        rows: bobs,
        idempotency: { key: "k", createdBy: "bob", now: T0 + 1, ttlMs },
      });
      expect(result).toEqual({ created: true, rows: bobs });
      expect(await db.listGenerations({ limit: 10 })).toHaveLength(2);
    });

    it("an expired key makes new rows and is then held by them", async () => {
      const { db } = await open();
      const first = [makeRow()];
      await db.insertGenerations({ rows: first, idempotency: { key: "k", createdBy: "alice", now: T0, ttlMs } });
      const later = T0 + ttlMs + 1;
      const second = [makeRow(), makeRow()];
      const result = await db.insertGenerations({ rows: second, idempotency: { key: "k", createdBy: "alice", now: later, ttlMs } });
      expect(result).toEqual({ created: true, rows: second });

      const third = await db.insertGenerations({ rows: [makeRow()], idempotency: { key: "k", createdBy: "alice", now: later + 5, ttlMs } });
      expect(third).toEqual({ created: false, rows: second });
      expect(await db.listGenerations({ limit: 10 })).toHaveLength(3);
    });

    it("a key exactly ttlMs old still counts", async () => {
      const { db } = await open();
      const first = [makeRow()];
      await db.insertGenerations({ rows: first, idempotency: { key: "k", createdBy: "alice", now: T0, ttlMs } });
      const result = await db.insertGenerations({ rows: [makeRow()], idempotency: { key: "k", createdBy: "alice", now: T0 + ttlMs, ttlMs } });
      expect(result).toEqual({ created: false, rows: first });
    });

    it("prunes other people's expired keys, keeping live ones", async () => {
      const { db } = await open();
      const bobs = [makeRow({ createdBy: "bob" })];
      const carols = [makeRow({ createdBy: "carol" })];
      await db.insertGenerations({ rows: bobs, idempotency: { key: "old", createdBy: "bob", now: T0, ttlMs } });
      await db.insertGenerations({ rows: carols, idempotency: { key: "live", createdBy: "carol", now: T0 + ttlMs, ttlMs } });
      await db.insertGenerations({ rows: [makeRow()], idempotency: { key: "new", createdBy: "alice", now: T0 + ttlMs + 1, ttlMs } });
      // Asked as of a time when bob's key was live: gone, so it was deleted, not merely expired.
      expect(await db.findIdempotent({ key: "old", createdBy: "bob", now: T0, ttlMs })).toBeUndefined();
      expect(await db.findIdempotent({ key: "live", createdBy: "carol", now: T0 + ttlMs, ttlMs })).toEqual(carols);
    });

    it("two connections inserting with one key at the same moment make one set of rows", async () => {
      const fixture = await open();
      const { db } = fixture;
      const other = await secondOf(fixture);
      for (let round = 0; round < 5; round++) {
        const key = `race-${round}`;
        const attempts = Array.from({ length: 10 }, (_, i) => ({
          via: i % 2 ? other : db,
          rows: [makeRow({ prompt: `attempt ${i}a` }), makeRow({ prompt: `attempt ${i}b` })],
        }));
        const results = await Promise.all(
          attempts.map(({ via, rows }) => via.insertGenerations({ rows, idempotency: { key, createdBy: "alice", now: T0, ttlMs } })),
        );
        const winners = results.filter((r) => r.created);
        expect(winners).toHaveLength(1);
        for (const result of results) expect(result.rows).toEqual(winners[0].rows);
      }
      expect(await db.listGenerations({ limit: 100 })).toHaveLength(5 * 2);
    });

    it("two connections taking over one expired key at the same moment make one set of rows", async () => {
      const fixture = await open();
      const { db } = fixture;
      const other = await secondOf(fixture);
      await db.insertGenerations({ rows: [makeRow()], idempotency: { key: "k", createdBy: "alice", now: T0, ttlMs } });
      const later = T0 + ttlMs + 1;
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? other : db).insertGenerations({
            rows: [makeRow({ prompt: `takeover ${i}` })],
            idempotency: { key: "k", createdBy: "alice", now: later, ttlMs },
          }),
        ),
      );
      const winners = results.filter((r) => r.created);
      expect(winners).toHaveLength(1);
      for (const result of results) expect(result.rows).toEqual(winners[0].rows);
      expect(await db.listGenerations({ limit: 100 })).toHaveLength(2);
    });

    it("a failed insert releases its key: the retry creates the rows", async () => {
      const { db } = await open();
      const idempotency = { key: "k", createdBy: "alice", now: T0, ttlMs };
      const broken = [makeRow({ references: [{ kind: "stored", id: "ref_ghost" }] })];
      expectForeignKeyError(await rejection(db.insertGenerations({ rows: broken, idempotency })));
      expect(await db.findIdempotent(idempotency)).toBeUndefined();
      const rows = [makeRow()];
      expect(await db.insertGenerations({ rows, idempotency })).toEqual({ created: true, rows });
    });
  });

  describe("idempotency with a request hash (/v1: the same key must mean the same request)", () => {
    const keyed = (requestHash: string, now = T0) => ({ key: "v1", createdBy: "alice", now, ttlMs, requestHash });

    it("the same key and hash replays the first rows", async () => {
      const { db } = await open();
      const first = [makeRow({ prompt: "one" })];
      expect(await db.insertGenerations({ rows: first, idempotency: keyed("h1") })).toEqual({ created: true, rows: first });
      expect(await db.insertGenerations({ rows: [makeRow()], idempotency: keyed("h1", T0 + 5) })).toEqual({ created: false, rows: first });
      expect(await db.findIdempotent(keyed("h1", T0 + 5))).toEqual(first);
      expect(await db.listGenerations({ limit: 10 })).toHaveLength(1);
    });

    it("the same key with another hash is reported as a mismatch, inserting nothing and keeping the first", async () => {
      const { db } = await open();
      const first = [makeRow({ prompt: "one" })];
      await db.insertGenerations({ rows: first, idempotency: keyed("h1") });
      expect(await db.insertGenerations({ rows: [makeRow({ prompt: "other" })], idempotency: keyed("h2", T0 + 5) })).toEqual({
        created: false,
        rows: [],
        mismatch: true,
      });
      expect(await db.findIdempotent(keyed("h2", T0 + 5))).toBe("mismatch");
      // The key still answers its own request.
      expect(await db.findIdempotent(keyed("h1", T0 + 6))).toEqual(first);
      expect(await db.listGenerations({ limit: 10 })).toEqual(first);
    });

    it("a key stored without a hash does not replay for a request with one", async () => {
      const { db } = await open();
      await db.insertGenerations({ rows: [makeRow()], idempotency: { key: "v1", createdBy: "alice", now: T0, ttlMs } });
      expect(await db.insertGenerations({ rows: [makeRow()], idempotency: keyed("h1", T0 + 1) })).toMatchObject({ created: false, rows: [], mismatch: true });
      expect(await db.findIdempotent(keyed("h1", T0 + 1))).toBe("mismatch");
    });

    it("an expired key with another hash is taken over, not a mismatch", async () => {
      const { db } = await open();
      await db.insertGenerations({ rows: [makeRow()], idempotency: keyed("h1") });
      const later = [makeRow()];
      expect(await db.insertGenerations({ rows: later, idempotency: keyed("h2", T0 + ttlMs + 1) })).toEqual({ created: true, rows: later });
      expect(await db.findIdempotent(keyed("h2", T0 + ttlMs + 2))).toEqual(later);
      expect(await db.findIdempotent(keyed("h1", T0 + ttlMs + 2))).toBe("mismatch");
    });

    it("the replay is answered before the limits, the mismatch too", async () => {
      const { db } = await open();
      const first = [makeRow()];
      await db.insertGenerations({ rows: first, idempotency: keyed("h1") });
      const full: InsertLimits = { since: 0, daily: 1, maxActive: 1 };
      expect(await db.insertGenerations({ rows: [makeRow()], idempotency: keyed("h1", T0 + 1), limits: full })).toEqual({ created: false, rows: first });
      expect(await db.insertGenerations({ rows: [makeRow()], idempotency: keyed("h2", T0 + 1), limits: full })).toMatchObject({ mismatch: true });
    });

    it("two connections inserting one key and hash at the same moment make one batch; another hash at that moment is a mismatch", async () => {
      const fixture = await open();
      const { db } = fixture;
      const other = await secondOf(fixture);
      for (let round = 0; round < 5; round++) {
        const key = `race-${round}`;
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            (i % 2 ? other : db).insertGenerations({
              rows: [makeRow({ prompt: `attempt ${i}a` }), makeRow({ prompt: `attempt ${i}b` })],
              // The last attempt sends another request under the same key.
              idempotency: { key, createdBy: "alice", now: T0, ttlMs, requestHash: i === 9 ? "other" : "same" },
            }),
          ),
        );
        const winners = results.filter((r) => r.created);
        expect(winners).toHaveLength(1);
        const winner = winners[0];
        const odd = results[9];
        if (odd.created) {
          // The odd one won the key: every "same" request is then the mismatch.
          for (const result of results.slice(0, 9)) expect(result).toMatchObject({ created: false, rows: [], mismatch: true });
        } else {
          expect(odd).toMatchObject({ created: false, rows: [], mismatch: true });
          for (const result of results.slice(0, 9)) expect(result.rows).toEqual(winner.rows);
        }
      }
      expect(await db.listGenerations({ limit: 100 })).toHaveLength(5 * 2);
    });
  });

  describe("findIdempotent", () => {
    it("finds this person's live key's rows, in order", async () => {
      const { db } = await open();
      const rows = [makeRow({ prompt: "b" }), makeRow({ prompt: "a" })];
      await db.insertGenerations({ rows, idempotency: { key: "k", createdBy: "alice", now: T0, ttlMs } });
      expect(await db.findIdempotent({ key: "k", createdBy: "alice", now: T0 + 1, ttlMs })).toEqual(rows);
      expect(await db.findIdempotent({ key: "k", createdBy: "alice", now: T0 + ttlMs, ttlMs })).toEqual(rows);
    });

    it("does not find an expired key, another person's key, or an unknown one", async () => {
      const { db } = await open();
      await db.insertGenerations({ rows: [makeRow()], idempotency: { key: "k", createdBy: "alice", now: T0, ttlMs } });
      expect(await db.findIdempotent({ key: "k", createdBy: "alice", now: T0 + ttlMs + 1, ttlMs })).toBeUndefined();
      expect(await db.findIdempotent({ key: "k", createdBy: "bob", now: T0 + 1, ttlMs })).toBeUndefined();
      expect(await db.findIdempotent({ key: "other", createdBy: "alice", now: T0 + 1, ttlMs })).toBeUndefined();
    });

    it("answers the rows still there when some were deleted since", async () => {
      const { db } = await open();
      const rows = [makeRow(), makeRow()];
      await db.insertGenerations({ rows, idempotency: { key: "k", createdBy: "alice", now: T0, ttlMs } });
      await db.deleteGeneration(rows[0].id);
      expect(await db.findIdempotent({ key: "k", createdBy: "alice", now: T0 + 1, ttlMs })).toEqual([rows[1]]);
    });
  });

  describe("insertGenerations with limits", () => {
    const limits = (over: Partial<InsertLimits> = {}): InsertLimits => ({ since: T0, daily: 100, maxActive: 2, ...over });

    it("inserts within the limits and refuses, inserting nothing, past the active one", async () => {
      const { db } = await open();
      const first = [makeRow(), makeRow()];
      expect(await db.insertGenerations({ rows: first, limits: limits() })).toEqual({ created: true, rows: first });
      const refused = await db.insertGenerations({ rows: [makeRow()], limits: limits() });
      expect(refused).toEqual({ created: false, rows: [], refused: { limit: "active", usedToday: 2, active: 2 } });
      expect(await db.countActive()).toBe(2);
      // Two at once past a limit of 3 with one running: refused whole, not cut down.
      await db.updateGeneration({ id: first[0].id, patch: { status: "completed" } });
      const both = await db.insertGenerations({ rows: [makeRow(), makeRow()], limits: limits({ maxActive: 2 }) });
      expect(both.refused).toEqual({ limit: "active", usedToday: 2, active: 1 });
      expect(await db.listGenerations({ limit: 10 })).toHaveLength(2);
    });

    it("refuses past the daily limit first, counting rows since `since` the gateway took, whatever became of them", async () => {
      const { db } = await open();
      await db.insertGenerations({
        rows: [
          makeRow({ createdAt: T0 - 1, status: "completed" }),
          makeRow({ createdAt: T0, status: "completed" }),
          makeRow({ createdAt: T0 + 5, status: "failed", upstreamId: "task_1", errorCode: "timeout" }),
          makeRow({ createdAt: T0 + 6, status: "queued" }),
        ],
      });
      const refused = await db.insertGenerations({ rows: [makeRow({ createdAt: T0 + 10 })], limits: limits({ daily: 3, maxActive: 1 }) });
      expect(refused).toEqual({ created: false, rows: [], refused: { limit: "daily", usedToday: 3, active: 1 } });
      const row = makeRow({ createdAt: T0 + 10 });
      expect(await db.insertGenerations({ rows: [row], limits: limits({ daily: 4, maxActive: 2 }) })).toEqual({ created: true, rows: [row] });
    });

    it("counts only the creator's own rows", async () => {
      const { db } = await open();
      await db.insertGenerations({ rows: [makeRow({ createdBy: "bob" }), makeRow({ createdBy: "bob" })] });
      const row = makeRow({ createdBy: "alice" });
      expect(await db.insertGenerations({ rows: [row], limits: limits({ daily: 1, maxActive: 1 }) })).toEqual({ created: true, rows: [row] });
    });

    it("answers an idempotent replay with its rows before any limit", async () => {
      const { db } = await open();
      const first = [makeRow(), makeRow()];
      const idempotency = { key: "k", createdBy: "alice", now: T0, ttlMs };
      await db.insertGenerations({ rows: first, idempotency, limits: limits() });
      const replay = await db.insertGenerations({ rows: [makeRow(), makeRow()], idempotency: { ...idempotency, now: T0 + 1 }, limits: limits({ daily: 2 }) });
      expect(replay).toEqual({ created: false, rows: first });
    });

    it("a refused insert does not take its idempotency key", async () => {
      const { db } = await open();
      await db.insertGenerations({ rows: [makeRow(), makeRow()] });
      const idempotency = { key: "k", createdBy: "alice", now: T0, ttlMs };
      const refused = await db.insertGenerations({ rows: [makeRow()], idempotency, limits: limits() });
      expect(refused.refused?.limit).toBe("active");
      expect(await db.findIdempotent(idempotency)).toBeUndefined();
      const rows = [makeRow()];
      expect(await db.insertGenerations({ rows, idempotency, limits: limits({ maxActive: 3 }) })).toEqual({ created: true, rows });
    });

    it("concurrent inserts from two connections never pass the active limit", async () => {
      const fixture = await open();
      const { db } = fixture;
      const other = await secondOf(fixture);
      for (const maxActive of [1, 2, 5]) {
        await Promise.all((await db.listGenerations({ limit: 100 })).map((row) => db.deleteGeneration(row.id)));
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            (i % 2 ? other : db).insertGenerations({ rows: [makeRow({ prompt: `try ${i}` })], limits: limits({ maxActive }) }),
          ),
        );
        expect(results.filter((r) => r.created)).toHaveLength(maxActive);
        for (const result of results.filter((r) => !r.created)) expect(result.refused?.limit).toBe("active");
        expect(await db.countActive({ createdBy: "alice" })).toBe(maxActive);
      }
    });

    it("concurrent inserts from two connections never pass the daily limit", async () => {
      const fixture = await open();
      const { db } = fixture;
      const other = await secondOf(fixture);
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 ? other : db).insertGenerations({
            rows: [makeRow({ status: "completed", prompt: `try ${i}` })],
            limits: limits({ daily: 3, maxActive: 100 }),
          }),
        ),
      );
      expect(results.filter((r) => r.created)).toHaveLength(3);
      for (const result of results.filter((r) => !r.created)) expect(result.refused?.limit).toBe("daily");
      expect(await db.countCreatedSince({ createdBy: "alice", since: T0 })).toBe(3);
    });
  });
}
