import { describe, expect, it } from "vitest";
import type { StudioDatabase } from "@/lib/db/types";
import { makeRow, openTemp, T0 } from "./test-helpers";

// Two instances on one database: the poll lease keeps a row with one poller at
// a time, and passes it on when that poller stops renewing.

describe("poll leases", () => {
  it("one owner polls while its lease runs; another takes over after it expires", async () => {
    const { db: a, url } = await openTemp();
    const { db: b } = await openTemp({ url });
    const row = makeRow({ status: "processing", upstreamId: "task_1" });
    await a.insertGenerations({ rows: [row] });
    const claim = (db: StudioDatabase, owner: string, now: number) =>
      db.tryClaimPoll({ id: row.id, now, intervalMs: 1_000, owner, leaseMs: 5_000 });

    expect(await claim(a, "A", T0)).toBe(true);
    expect(await claim(b, "B", T0 + 500)).toBe(false);
    expect(await claim(b, "B", T0 + 1_000)).toBe(false);
    // B's refused claim did not move the poll time: A's next one still counts from T0.
    expect(await claim(a, "A", T0 + 1_000)).toBe(true);
    expect(await claim(b, "B", T0 + 5_999)).toBe(false);
    expect(await claim(b, "B", T0 + 6_001)).toBe(true);
    expect(await claim(a, "A", T0 + 7_500)).toBe(false);
  });

  it("exactly one of 20 racing owners gets a free row", async () => {
    const { db: a, url } = await openTemp();
    const { db: b } = await openTemp({ url });
    const row = makeRow({ status: "queued", upstreamId: "task_2" });
    await a.insertGenerations({ rows: [row] });
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).tryClaimPoll({ id: row.id, now: T0, intervalMs: 1_000, owner: `owner-${i}`, leaseMs: 5_000 })),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
});
