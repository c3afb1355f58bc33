import { afterEach, describe, expect, it } from "vitest";
import { openSqliteDatabase } from "./open";
import { makeRow, T0, tempDir } from "./test-helpers";
import path from "node:path";
import type { StudioDatabase } from "@/lib/db/types";

// Two processes on one database file: the poll lease keeps a row with one
// poller at a time, and passes it on when that poller stops renewing.

const opened: StudioDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

describe("poll leases", () => {
  it("one owner polls while its lease runs; another takes over after it expires", async () => {
    const file = path.join(tempDir(), "studio.db");
    const a = openSqliteDatabase({ file });
    const b = openSqliteDatabase({ file });
    opened.push(a, b);
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
    expect(await claim(a, "A", T0 + 1_000)).toBe(true);
    // A stops (dies). B waits out the lease renewed at T0+1000, then owns the row.
    expect(await claim(b, "B", T0 + 5_999)).toBe(false);
    expect(await claim(b, "B", T0 + 6_001)).toBe(true);
    expect(await claim(a, "A", T0 + 7_500)).toBe(false);
  });

  it("without an owner the claim is the plain per-interval bound", async () => {
    const db = openSqliteDatabase({ file: path.join(tempDir(), "studio.db") });
    opened.push(db);
    const row = makeRow({ status: "queued", upstreamId: "task_2" });
    await db.insertGenerations({ rows: [row] });
    expect(await db.tryClaimPoll({ id: row.id, now: T0, intervalMs: 1_000 })).toBe(true);
    expect(await db.tryClaimPoll({ id: row.id, now: T0 + 999, intervalMs: 1_000 })).toBe(false);
    expect(await db.tryClaimPoll({ id: row.id, now: T0 + 1_000, intervalMs: 1_000 })).toBe(true);
  });
});
