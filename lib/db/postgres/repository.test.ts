import { describe, expect, it } from "vitest";
import type { GenerationRow } from "@/lib/db/types";
import { makeCompletedRow, makeReference, makeRow, openTemp, sqlState, T0 } from "./test-helpers";

// The SQLite adapter's repository tests, on PostgreSQL, plus the races that
// only a server shared by several processes can run: two adapters (two pools)
// on one database stand in for two instances of the app.

async function expectForeignKeyError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  expect(sqlState(error)).toBe("23503");
  expect((error as Error).message).toMatch(/foreign key/);
}

describe("insertGenerations and reading back", () => {
  it("round-trips every field: JSON references, booleans, nulls, big and fractional numbers", async () => {
    const { db } = await openTemp();
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
    // double precision, not a 4-byte real; times past 2^31 ms and 2^32.
    const odd = makeRow({ progress: 33.3, createdAt: 8_640_000_000_000, updatedAt: 2 ** 53 - 1 });
    const result = await db.insertGenerations({ rows: [full, empty, odd] });
    expect(result).toEqual({ created: true, rows: [full, empty, odd] });

    expect(await db.getGeneration(full.id)).toEqual(full);
    expect(await db.getGeneration(empty.id)).toEqual(empty);
    expect(await db.getGeneration(odd.id)).toEqual(odd);
    expect(await db.getGeneration("gen_missing")).toBeUndefined();
    expect(await db.getReference(ref.id)).toEqual(ref);
    expect(await db.getReference("ref_missing")).toBeUndefined();
  });

  it("getGenerations answers in the order asked, skipping unknown ids", async () => {
    const { db } = await openTemp();
    const rows = [makeRow(), makeRow(), makeRow()];
    await db.insertGenerations({ rows });
    const got = await db.getGenerations([rows[2].id, "gen_nope", rows[0].id, rows[2].id]);
    expect(got.map((r) => r.id)).toEqual([rows[2].id, rows[0].id]);
    expect(await db.getGenerations([])).toEqual([]);
  });

  it("rejects a stored reference that was never inserted, and inserts none of the batch", async () => {
    const { db } = await openTemp();
    const row = makeRow({ references: [{ kind: "stored", id: "ref_ghost" }] });
    await expectForeignKeyError(db.insertGenerations({ rows: [makeRow(), row] }));
    expect(await db.listGenerations({ limit: 10 })).toEqual([]);
  });
});

describe("idempotency", () => {
  const ttlMs = 24 * 3600_000;

  it("the same key twice gives the first rows back, in order, with created: false", async () => {
    const { db } = await openTemp();
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
    const { db } = await openTemp();
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
    const { db } = await openTemp();
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
    const { db } = await openTemp();
    const first = [makeRow()];
    await db.insertGenerations({ rows: first, idempotency: { key: "k", createdBy: "alice", now: T0, ttlMs } });
    const result = await db.insertGenerations({ rows: [makeRow()], idempotency: { key: "k", createdBy: "alice", now: T0 + ttlMs, ttlMs } });
    expect(result.created).toBe(false);
  });

  it("prunes other people's expired keys, keeping live ones", async () => {
    const { db, url } = await openTemp();
    await db.insertGenerations({ rows: [makeRow()], idempotency: { key: "old", createdBy: "bob", now: T0, ttlMs } });
    await db.insertGenerations({ rows: [makeRow()], idempotency: { key: "live", createdBy: "carol", now: T0 + ttlMs, ttlMs } });
    await db.insertGenerations({ rows: [makeRow()], idempotency: { key: "new", createdBy: "alice", now: T0 + ttlMs + 1, ttlMs } });
    const { rawPool } = await import("./test-helpers");
    const { rows } = await rawPool(url).query<{ key: string }>("select key from idempotency_keys order by key");
    expect(rows.map((r) => r.key)).toEqual(["live", "new"]);
  });

  it("two instances inserting with one key at the same moment make one set of rows", async () => {
    const { db, url } = await openTemp();
    const { db: other } = await openTemp({ url });
    for (let round = 0; round < 5; round++) {
      const key = `race-${round}`;
      const attempts = Array.from({ length: 10 }, (_, i) => ({
        via: i % 2 ? other : db,
        rows: [makeRow({ prompt: `attempt ${i}a` }), makeRow({ prompt: `attempt ${i}b` })],
      }));
      const results = await Promise.all(
        attempts.map(({ via, rows }) =>
          via.insertGenerations({ rows, idempotency: { key, createdBy: "alice", now: T0, ttlMs } }),
        ),
      );
      const winners = results.filter((r) => r.created);
      expect(winners).toHaveLength(1);
      for (const result of results) expect(result.rows).toEqual(winners[0].rows);
    }
    expect(await db.listGenerations({ limit: 100 })).toHaveLength(5 * 2);
  });

  it("two instances taking over one expired key at the same moment make one set of rows", async () => {
    const { db, url } = await openTemp();
    const { db: other } = await openTemp({ url });
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
    const { db } = await openTemp();
    const idempotency = { key: "k", createdBy: "alice", now: T0, ttlMs };
    const broken = [makeRow({ references: [{ kind: "stored", id: "ref_ghost" }] })];
    await expectForeignKeyError(db.insertGenerations({ rows: broken, idempotency }));
    const rows = [makeRow()];
    expect(await db.insertGenerations({ rows, idempotency })).toEqual({ created: true, rows });
  });
});

describe("updateGeneration", () => {
  it("applies a patch and returns the row after", async () => {
    const { db } = await openTemp();
    const row = makeRow();
    await db.insertGenerations({ rows: [row] });
    const after = await db.updateGeneration({
      id: row.id,
      patch: { status: "processing", progress: 40, upstreamId: "task_9", updatedAt: T0 + 5 },
    });
    expect(after).toEqual({ ...row, status: "processing", progress: 40, upstreamId: "task_9", updatedAt: T0 + 5 });
    expect(await db.getGeneration(row.id)).toEqual(after);
    expect(await db.updateGeneration({ id: "gen_missing", patch: { progress: 1 } })).toBeUndefined();
  });

  it("sets nullable fields back to null and ignores keys outside the patchable columns", async () => {
    const { db } = await openTemp();
    const row = makeCompletedRow();
    await db.insertGenerations({ rows: [row] });
    const patch = { errorCode: null, imageBytes: null, id: "gen_other", createdBy: "mallory" } as never;
    const after = await db.updateGeneration({ id: row.id, patch });
    expect(after).toEqual({ ...row, errorCode: null, imageBytes: null });
  });

  it("with onlyIfStatus, refuses a row in another status and leaves it untouched", async () => {
    const { db } = await openTemp();
    const done = makeCompletedRow();
    await db.insertGenerations({ rows: [done] });
    const late = await db.updateGeneration({
      id: done.id,
      patch: { status: "processing", progress: 10 },
      onlyIfStatus: ["submitting", "queued", "processing"],
    });
    expect(late).toBeUndefined();
    expect(await db.getGeneration(done.id)).toEqual(done);

    const ok = await db.updateGeneration({ id: done.id, patch: { favorite: false }, onlyIfStatus: ["completed"] });
    expect(ok?.favorite).toBe(false);
    expect(await db.updateGeneration({ id: done.id, patch: { favorite: true }, onlyIfStatus: [] })).toBeUndefined();
  });

  it("an empty patch returns the row only while the status matches", async () => {
    const { db } = await openTemp();
    const row = makeRow();
    await db.insertGenerations({ rows: [row] });
    expect(await db.updateGeneration({ id: row.id, patch: {} })).toEqual(row);
    expect(await db.updateGeneration({ id: row.id, patch: {}, onlyIfStatus: ["failed"] })).toBeUndefined();
  });

  it("a references patch relinks stored references", async () => {
    const { db } = await openTemp();
    const [a, b] = [makeReference(), makeReference()];
    await db.insertReference(a);
    await db.insertReference(b);
    const row = makeRow({ references: [{ kind: "stored", id: a.id }] });
    await db.insertGenerations({ rows: [row] });
    await db.updateGeneration({ id: row.id, patch: { references: [{ kind: "stored", id: b.id }] } });
    await db.deleteReference(a.id);
    expect(await db.getReference(a.id)).toBeUndefined();
    const deleted = await db.deleteGeneration(row.id);
    expect(deleted?.orphanedReferences).toEqual([b]);
  });

  it("a late poll racing the completion on another instance never reopens the row", async () => {
    const { db, url } = await openTemp();
    const { db: other } = await openTemp({ url });
    const rows = Array.from({ length: 20 }, () => makeRow({ status: "processing", progress: 50 }));
    await db.insertGenerations({ rows });
    const active = ["submitting", "queued", "processing"] as const;
    await Promise.all(
      rows.flatMap((row, i) => {
        const [finisher, poller] = i % 2 ? [db, other] : [other, db];
        return [
          finisher.updateGeneration({ id: row.id, patch: { status: "completed", progress: 100 }, onlyIfStatus: active }),
          poller.updateGeneration({ id: row.id, patch: { status: "processing", progress: 70 }, onlyIfStatus: active }),
        ];
      }),
    );
    const after = await db.getGenerations(rows.map((r) => r.id));
    expect(after.map((r: GenerationRow) => [r.status, r.progress])).toEqual(rows.map(() => ["completed", 100]));
  });
});

describe("tryClaimPoll", () => {
  it("gives exactly one claim among 20 callers on two instances, and another after the interval", async () => {
    const { db, url } = await openTemp();
    const row = makeRow();
    await db.insertGenerations({ rows: [row] });
    // A second adapter (its own pool) stands in for another instance.
    const { db: other } = await openTemp({ url });
    for (let round = 0; round < 5; round++) {
      const now = T0 + round * 1000;
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? other : db).tryClaimPoll({ id: row.id, now, intervalMs: 1000 })),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect((await db.getGeneration(row.id))?.lastPolledAt).toBe(now);
    }
    const last = T0 + 4000;
    expect(await db.tryClaimPoll({ id: row.id, now: last + 999, intervalMs: 1000 })).toBe(false);
    expect(await other.tryClaimPoll({ id: row.id, now: last + 1000, intervalMs: 1000 })).toBe(true);
    expect(await db.tryClaimPoll({ id: row.id, now: last + 1500, intervalMs: 1000 })).toBe(false);
    expect(await db.tryClaimPoll({ id: "gen_missing", now: T0, intervalMs: 1000 })).toBe(false);
  });
});

describe("deleteGeneration", () => {
  it("returns the row and only the stored references no other generation uses", async () => {
    const { db } = await openTemp();
    const [shared, own, unrelated] = [makeReference(), makeReference(), makeReference()];
    for (const ref of [shared, own, unrelated]) await db.insertReference(ref);
    const first = makeRow({
      references: [
        { kind: "stored", id: shared.id },
        { kind: "url", url: "https://example.com/x.png" },
        { kind: "stored", id: own.id },
        { kind: "stored", id: own.id },
      ],
    });
    const second = makeRow({ references: [{ kind: "stored", id: shared.id }] });
    await db.insertGenerations({ rows: [first, second] });

    const gone = await db.deleteGeneration(first.id);
    expect(gone).toEqual({ row: first, orphanedReferences: [own] });
    expect(await db.getGeneration(first.id)).toBeUndefined();
    expect(await db.getReference(own.id)).toBeUndefined();
    expect(await db.getReference(shared.id)).toEqual(shared);

    expect(await db.deleteGeneration(second.id)).toEqual({ row: second, orphanedReferences: [shared] });
    expect(await db.getReference(unrelated.id)).toEqual(unrelated);
    expect(await db.deleteGeneration(second.id)).toBeUndefined();
  });

  it("orphans are returned in the order the generation used them", async () => {
    const { db } = await openTemp();
    const refs = [makeReference(), makeReference(), makeReference()];
    for (const ref of refs) await db.insertReference(ref);
    const row = makeRow({ references: [refs[2], refs[0], refs[1], refs[2]].map((r) => ({ kind: "stored" as const, id: r.id })) });
    await db.insertGenerations({ rows: [row] });
    expect((await db.deleteGeneration(row.id))?.orphanedReferences).toEqual([refs[2], refs[0], refs[1]]);
  });

  it("two instances deleting the two users of one reference at once orphan it exactly once", async () => {
    const { db, url } = await openTemp();
    const { db: other } = await openTemp({ url });
    for (let round = 0; round < 10; round++) {
      const shared = makeReference();
      await db.insertReference(shared);
      const pair = [makeRow(), makeRow()].map((row) => ({ ...row, references: [{ kind: "stored" as const, id: shared.id }] }));
      await db.insertGenerations({ rows: pair });
      const results = await Promise.all([db.deleteGeneration(pair[0].id), other.deleteGeneration(pair[1].id)]);
      expect(results.flatMap((r) => r?.orphanedReferences ?? [])).toEqual([shared]);
      expect(await db.getReference(shared.id)).toBeUndefined();
    }
  });

  it("deleteReference refuses a reference still in use", async () => {
    const { db } = await openTemp();
    const ref = makeReference();
    await db.insertReference(ref);
    await db.insertGenerations({ rows: [makeRow({ references: [{ kind: "stored", id: ref.id }] })] });
    await expectForeignKeyError(db.deleteReference(ref.id));
    expect(await db.getReference(ref.id)).toEqual(ref);
    await db.deleteReference("ref_missing");
  });
});

describe("login failures", () => {
  it("counts one address's failures from a time on, and clears them", async () => {
    const { db, url } = await openTemp();
    const { db: other } = await openTemp({ url });
    for (const at of [T0 - 10, T0, T0 + 5]) await db.recordLoginFailure({ address: "10.0.0.1", at });
    await other.recordLoginFailure({ address: "10.0.0.1", at: T0 + 6 });
    await other.recordLoginFailure({ address: "10.0.0.2", at: T0 - 100 });
    await other.recordLoginFailure({ address: "10.0.0.3", at: T0 + 1 });
    // Another instance sees the same counts.
    expect(await other.countLoginFailures({ address: "10.0.0.1", since: T0 })).toBe(3);
    expect(await db.countLoginFailures({ address: "10.0.0.1", since: T0 - 10 })).toBe(4);
    expect(await db.countLoginFailures({ address: "10.0.0.2", since: T0 - 1000 })).toBe(1);
    expect(await db.countLoginFailures({ address: "10.9.9.9", since: 0 })).toBe(0);

    // Forgets this address's, and anyone's older than the cut-off.
    await db.clearLoginFailures({ address: "10.0.0.1", olderThan: T0 });
    expect(await db.countLoginFailures({ address: "10.0.0.1", since: 0 })).toBe(0);
    expect(await db.countLoginFailures({ address: "10.0.0.2", since: 0 })).toBe(0);
    expect(await db.countLoginFailures({ address: "10.0.0.3", since: 0 })).toBe(1);
  });
});
