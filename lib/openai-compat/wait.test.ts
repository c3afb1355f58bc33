import { describe, expect, it } from "vitest";
import type { GenerationRow } from "@/lib/db";
import { waitForGenerations } from "./wait";

// The waiting request only reads rows; these fake the database's answers.

type Status = GenerationRow["status"];
const rowsOf = (statuses: Record<string, Status>) =>
  Object.entries(statuses).map(([id, status]) => ({ id, status, errorCode: status === "failed" ? "safety" : null, errorMessage: status === "failed" ? "refused" : null }) as GenerationRow);

function fakeDb(script: Record<string, Status>[]) {
  let reads = 0;
  return {
    reads: () => reads,
    db: {
      getGenerations: async (ids: string[]) => {
        const step = script[Math.min(reads++, script.length - 1)];
        return rowsOf(step).filter((r) => ids.includes(r.id));
      },
    },
  };
}

describe("waitForGenerations", () => {
  it("reads until every generation has ended, then says how each ended", async () => {
    const fake = fakeDb([{ a: "queued", b: "processing" }, { a: "completed", b: "processing" }, { a: "completed", b: "failed" }]);
    const outcome = await waitForGenerations({ db: fake.db, ids: ["a", "b"], timeoutMs: 5_000, stepMs: 5 });
    expect(outcome).toEqual({
      kind: "ended",
      generations: [
        { id: "a", status: "completed", errorCode: null, errorMessage: null },
        { id: "b", status: "failed", errorCode: "safety", errorMessage: "refused" },
      ],
    });
    expect(fake.reads()).toBe(3);
  });

  it("a generation deleted meanwhile counts as failed", async () => {
    const fake = fakeDb([{ a: "completed" }]);
    const outcome = await waitForGenerations({ db: fake.db, ids: ["a", "gone"], timeoutMs: 1_000, stepMs: 5 });
    expect(outcome).toMatchObject({ kind: "ended", generations: [{ id: "a", status: "completed" }, { id: "gone", status: "failed", errorCode: "deleted" }] });
  });

  it("gives up at the time limit naming what is still in progress", async () => {
    const fake = fakeDb([{ a: "completed", b: "processing" }]);
    const started = Date.now();
    const outcome = await waitForGenerations({ db: fake.db, ids: ["a", "b"], timeoutMs: 120, stepMs: 20 });
    expect(outcome).toEqual({ kind: "timeout", pending: ["b"] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(fake.reads()).toBeLessThanOrEqual(9);
  });

  it("stops at once when the client goes away, mid-pause", async () => {
    const fake = fakeDb([{ a: "queued" }]);
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 30);
    const started = Date.now();
    const outcome = await waitForGenerations({ db: fake.db, ids: ["a"], timeoutMs: 10_000, stepMs: 5_000, signal: abort.signal });
    expect(outcome).toEqual({ kind: "aborted" });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fake.reads()).toBe(1);
  });
});
