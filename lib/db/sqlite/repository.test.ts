import { describe, expect, it } from "vitest";
import { makeCompletedRow, makeReference, makeRow, openTemp, T0 } from "./test-helpers";

describe("insertGenerations and reading back", () => {
  it("round-trips every field: JSON references, booleans, nulls", async () => {
    const { db } = openTemp();
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
    const result = await db.insertGenerations({ rows: [full, empty] });
    expect(result).toEqual({ created: true, rows: [full, empty] });

    expect(await db.getGeneration(full.id)).toEqual(full);
    expect(await db.getGeneration(empty.id)).toEqual(empty);
    expect(await db.getGeneration("gen_missing")).toBeUndefined();
    expect(await db.getReference(ref.id)).toEqual(ref);
    expect(await db.getReference("ref_missing")).toBeUndefined();
  });

  it("getGenerations answers in the order asked, skipping unknown ids", async () => {
    const { db } = openTemp();
    const rows = [makeRow(), makeRow(), makeRow()];
    await db.insertGenerations({ rows });
    const got = await db.getGenerations([rows[2].id, "gen_nope", rows[0].id, rows[2].id]);
    expect(got.map((r) => r.id)).toEqual([rows[2].id, rows[0].id]);
    expect(await db.getGenerations([])).toEqual([]);
  });

  it("rejects a stored reference that was never inserted, and inserts none of the batch", async () => {
    const { db } = openTemp();
    const row = makeRow({ references: [{ kind: "stored", id: "ref_ghost" }] });
    await expect(db.insertGenerations({ rows: [makeRow(), row] })).rejects.toThrow(/FOREIGN KEY/);
    expect(await db.listGenerations({ limit: 10 })).toEqual([]);
  });
});

describe("idempotency", () => {
  const ttlMs = 24 * 3600_000;

  it("the same key twice gives the first rows back, in order, with created: false", async () => {
    const { db } = openTemp();
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
    const { db } = openTemp();
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
    const { db } = openTemp();
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
    const { db } = openTemp();
    const first = [makeRow()];
    await db.insertGenerations({ rows: first, idempotency: { key: "k", createdBy: "alice", now: T0, ttlMs } });
    const result = await db.insertGenerations({ rows: [makeRow()], idempotency: { key: "k", createdBy: "alice", now: T0 + ttlMs, ttlMs } });
    expect(result.created).toBe(false);
  });
});

describe("updateGeneration", () => {
  it("applies a patch and returns the row after", async () => {
    const { db } = openTemp();
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

  it("with onlyIfStatus, refuses a row in another status and leaves it untouched", async () => {
    const { db } = openTemp();
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
  });

  it("an empty patch returns the row only while the status matches", async () => {
    const { db } = openTemp();
    const row = makeRow();
    await db.insertGenerations({ rows: [row] });
    expect(await db.updateGeneration({ id: row.id, patch: {} })).toEqual(row);
    expect(await db.updateGeneration({ id: row.id, patch: {}, onlyIfStatus: ["failed"] })).toBeUndefined();
  });

  it("a references patch relinks stored references", async () => {
    const { db } = openTemp();
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
});

describe("tryClaimPoll", () => {
  it("gives exactly one claim per interval, and another after it", async () => {
    const { db, file } = openTemp();
    const row = makeRow();
    await db.insertGenerations({ rows: [row] });
    // A second connection stands in for another process sharing the file.
    const { db: other } = openTemp({ file });
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? other : db).tryClaimPoll({ id: row.id, now: T0 + i, intervalMs: 1000 })),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(claims[0]).toBe(true);
    expect((await db.getGeneration(row.id))?.lastPolledAt).toBe(T0);

    expect(await db.tryClaimPoll({ id: row.id, now: T0 + 999, intervalMs: 1000 })).toBe(false);
    expect(await other.tryClaimPoll({ id: row.id, now: T0 + 1000, intervalMs: 1000 })).toBe(true);
    expect(await db.tryClaimPoll({ id: row.id, now: T0 + 1500, intervalMs: 1000 })).toBe(false);
    expect(await db.tryClaimPoll({ id: "gen_missing", now: T0, intervalMs: 1000 })).toBe(false);
  });
});

describe("deleteGeneration", () => {
  it("returns the row and only the stored references no other generation uses", async () => {
    const { db } = openTemp();
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

  it("deleteReference refuses a reference still in use", async () => {
    const { db } = openTemp();
    const ref = makeReference();
    await db.insertReference(ref);
    await db.insertGenerations({ rows: [makeRow({ references: [{ kind: "stored", id: ref.id }] })] });
    await expect(db.deleteReference(ref.id)).rejects.toThrow(/FOREIGN KEY/);
    expect(await db.getReference(ref.id)).toEqual(ref);
    await db.deleteReference("ref_missing");
  });
});
