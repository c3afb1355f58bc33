import { describe, expect, it } from "vitest";
import { genId, makeRow, makeRun, T0 } from "@/lib/db/shared/test-rows";
import type { GenerationRow } from "@/lib/db/types";
import type { ContractOptions } from "./context";

// Bulk runs: the record is stored with the run's pictures in one insert (all
// or nothing), the pictures carry their run and template, and a run's
// progress is counted from them.

const TEMPLATE = "tpl_01JQ3Z5D1S7ZKW0VGE0BQ8N8T0";

/** A run of `rowsPerBatch` pictures for each of `batches` table rows, as POST /api/runs builds it. */
function runOf(batches: number, rowsPerBatch: number) {
  const batchIds = Array.from({ length: batches }, () => `bat_${genId().slice(4)}`);
  const run = makeRun({ templateId: TEMPLATE, batchIds });
  const rows: GenerationRow[] = batchIds.flatMap((batchId, i) =>
    Array.from({ length: rowsPerBatch }, () => makeRow({ batchId, runId: run.id, templateId: TEMPLATE, prompt: `product ${i + 1} on oak`, status: "submitting" })),
  );
  return { run, rows };
}

export function describeRuns(options: ContractOptions): void {
  const { open } = options;

  describe("runs", () => {
    it("a run is stored with its pictures: read back whole, its pictures listed by run and by template, its progress counted by status", async () => {
      const { db } = await open();
      const { run, rows } = runOf(3, 2);
      const other = makeRow({ templateId: TEMPLATE });
      await db.insertGenerations({ rows: [other] });
      expect((await db.insertGenerations({ rows, run })).created).toBe(true);

      expect(await db.getRun(run.id)).toEqual(run);
      expect(await db.getRun("run_01JQ3Z5D1S7ZKW0VGE0BQ8N8ZZ")).toBeUndefined();
      expect((await db.getRuns([run.id, "run_missing", run.id])).map((r) => r.id)).toEqual([run.id]);
      expect(await db.getRuns([])).toEqual([]);

      const byRun = await db.listGenerations({ run: run.id, limit: 50 });
      expect(byRun.map((r) => r.id)).toEqual(rows.map((r) => r.id).sort().reverse());
      expect(byRun.every((r) => r.runId === run.id && r.templateId === TEMPLATE)).toBe(true);
      expect(await db.countGenerations({ template: TEMPLATE })).toBe(7);
      expect(await db.countGenerations({ run: "run_01JQ3Z5D1S7ZKW0VGE0BQ8N8ZZ" })).toBe(0);

      expect(await db.runCounts(run.id)).toEqual({ done: 0, failed: 0, active: 6 });
      await db.updateGeneration({ id: rows[0].id, patch: { status: "completed", updatedAt: T0 + 1 } });
      await db.updateGeneration({ id: rows[1].id, patch: { status: "completed", updatedAt: T0 + 1 } });
      await db.updateGeneration({ id: rows[2].id, patch: { status: "failed", updatedAt: T0 + 1 } });
      await db.updateGeneration({ id: rows[3].id, patch: { status: "waiting", updatedAt: T0 + 1 } });
      expect(await db.runCounts(run.id)).toEqual({ done: 2, failed: 1, active: 3 });
      // A deleted picture is no longer the run's (its record stays).
      await db.deleteGeneration(rows[0].id);
      expect(await db.runCounts(run.id)).toEqual({ done: 1, failed: 1, active: 3 });
      expect(await db.getRun(run.id)).toEqual(run);
    });

    it("usage by template counts each template's pictures, deleted ones too, and those of no template under \"\"", async () => {
      const { db } = await open();
      const other = "tpl_01JQ3Z5D1S7ZKW0VGE0BQ8N8T9";
      const rows = [
        makeRow({ templateId: TEMPLATE, status: "completed" }),
        makeRow({ templateId: TEMPLATE, status: "completed" }),
        makeRow({ templateId: other, status: "failed" }),
        makeRow({ status: "completed" }),
      ];
      await db.insertGenerations({ rows });
      await db.deleteGeneration(rows[1].id);
      const groups = await db.usageGroups({ from: T0, to: T0 + 1, groupBy: "template" });
      expect(groups.map((g) => [g.key, g.completed, g.failed])).toEqual([
        ["", 1, 0],
        [TEMPLATE, 2, 0],
        [other, 0, 1],
      ]);
    });

    it("a run refused by the limits stores neither its pictures nor its record", async () => {
      const { db } = await open();
      const { run, rows } = runOf(4, 1);
      const answer = await db.insertGenerations({ rows, run, limits: { since: T0 - 1, daily: 3, maxActive: 100 } });
      expect(answer).toMatchObject({ created: false, refused: { limit: "daily" } });
      expect(await db.getRun(run.id)).toBeUndefined();
      expect(await db.countGenerations({ run: run.id })).toBe(0);
    });

    it("a replayed idempotency key answers the first run's pictures and stores no second record", async () => {
      const { db } = await open();
      const idempotency = { key: "run-key", createdBy: "alice", now: T0, ttlMs: 60_000 };
      const first = runOf(2, 1);
      await db.insertGenerations({ ...first, idempotency });
      const again = runOf(2, 1);
      const replay = await db.insertGenerations({ ...again, idempotency });
      expect(replay.created).toBe(false);
      expect(replay.rows.map((r) => r.runId)).toEqual([first.run.id, first.run.id]);
      expect(await db.getRun(again.run.id)).toBeUndefined();
    });
  });
}
