import { describe, expect, it } from "vitest";
import { makeCompletedRow, makeReference, makeRow, T0 } from "@/lib/db/shared/test-rows";
import type { GenerationRow } from "@/lib/db/types";
import { ACTIVE, rejection, secondOf, type ContractOptions } from "./context";

// updateGeneration, deleteGeneration and references, close (login failures: login-failures.ts).

export function describeUpdates(options: ContractOptions): void {
  const { open, expectForeignKeyError } = options;

  describe("updateGeneration", () => {
    it("applies a patch and returns the row after", async () => {
      const { db } = await open();
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
      const { db } = await open();
      const row = makeCompletedRow();
      await db.insertGenerations({ rows: [row] });
      const patch = { errorCode: null, imageBytes: null, id: "gen_other", createdBy: "mallory", createdAt: 1, bogus: 1 } as never;
      const after = await db.updateGeneration({ id: row.id, patch });
      expect(after).toEqual({ ...row, errorCode: null, imageBytes: null });
      expect(await db.getGeneration("gen_other")).toBeUndefined();
    });

    it("round-trips the saving fields: resultSeenAt, resultUrl, savingReason, and clears them", async () => {
      const { db } = await open();
      const row = makeRow({ status: "processing", upstreamId: "task_5" });
      await db.insertGenerations({ rows: [row] });
      const saving = {
        resultSeenAt: T0 + 9_000,
        resultUrl: "https://cdn.example.com/result/task_5.png?X-Amz-Signature=abc%2F&e=7200",
        savingReason: "The picture's server is slow; trying again.",
        downloadAttempts: 3,
      };
      expect(await db.updateGeneration({ id: row.id, patch: saving })).toEqual({ ...row, ...saving });
      expect(await db.getGeneration(row.id)).toEqual({ ...row, ...saving });
      const cleared = { resultSeenAt: null, resultUrl: null, savingReason: null };
      expect(await db.updateGeneration({ id: row.id, patch: cleared })).toEqual({ ...row, ...saving, ...cleared });
    });

    it("with onlyIfStatus, refuses a row in another status and leaves it untouched", async () => {
      const { db } = await open();
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
      expect((await db.getGeneration(done.id))?.favorite).toBe(false);
      expect(await db.updateGeneration({ id: "gen_missing", patch: { favorite: true }, onlyIfStatus: ["completed"] })).toBeUndefined();
    });

    it("an empty patch returns the row only while the status matches", async () => {
      const { db } = await open();
      const row = makeRow();
      await db.insertGenerations({ rows: [row] });
      expect(await db.updateGeneration({ id: row.id, patch: {} })).toEqual(row);
      expect(await db.updateGeneration({ id: row.id, patch: { progress: undefined } })).toEqual(row);
      expect(await db.updateGeneration({ id: row.id, patch: {}, onlyIfStatus: ["failed"] })).toBeUndefined();
      expect(await db.updateGeneration({ id: "gen_missing", patch: {} })).toBeUndefined();
    });

    it("a references patch relinks stored references", async () => {
      const { db } = await open();
      const [a, b] = [makeReference(), makeReference()];
      await db.insertReference(a);
      await db.insertReference(b);
      const row = makeRow({ references: [{ kind: "stored", id: a.id }] });
      await db.insertGenerations({ rows: [row] });
      const after = await db.updateGeneration({ id: row.id, patch: { references: [{ kind: "stored", id: b.id }] } });
      expect(after?.references).toEqual([{ kind: "stored", id: b.id }]);
      await db.deleteReference(a.id);
      expect(await db.getReference(a.id)).toBeUndefined();
      const deleted = await db.deleteGeneration(row.id);
      expect(deleted?.orphanedReferences).toEqual([b]);
    });

    it("a references patch naming an unknown stored reference is refused whole", async () => {
      const { db } = await open();
      const row = makeRow();
      await db.insertGenerations({ rows: [row] });
      const patch = { references: [{ kind: "stored" as const, id: "ref_ghost" }], progress: 50 };
      expectForeignKeyError(await rejection(db.updateGeneration({ id: row.id, patch })));
      expect(await db.getGeneration(row.id)).toEqual(row);
    });

    it("a late poll racing the completion on another connection never reopens the row", async () => {
      const fixture = await open();
      const { db } = fixture;
      const other = await secondOf(fixture);
      const rows = Array.from({ length: 20 }, () => makeRow({ status: "processing", progress: 50 }));
      await db.insertGenerations({ rows });
      await Promise.all(
        rows.flatMap((row, i) => {
          const [finisher, poller] = i % 2 ? [db, other] : [other, db];
          return [
            finisher.updateGeneration({ id: row.id, patch: { status: "completed", progress: 100 }, onlyIfStatus: ACTIVE }),
            poller.updateGeneration({ id: row.id, patch: { status: "processing", progress: 70 }, onlyIfStatus: ACTIVE }),
          ];
        }),
      );
      const after = await db.getGenerations(rows.map((r) => r.id));
      expect(after.map((r: GenerationRow) => [r.status, r.progress])).toEqual(rows.map(() => ["completed", 100]));
    });
  });

  describe("deleteGeneration and references", () => {
    it("returns the row and only the stored references no other generation uses", async () => {
      const { db } = await open();
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
      const { db } = await open();
      const refs = [makeReference(), makeReference(), makeReference()];
      for (const ref of refs) await db.insertReference(ref);
      const row = makeRow({ references: [refs[2], refs[0], refs[1], refs[2]].map((r) => ({ kind: "stored" as const, id: r.id })) });
      await db.insertGenerations({ rows: [row] });
      expect((await db.deleteGeneration(row.id))?.orphanedReferences).toEqual([refs[2], refs[0], refs[1]]);
    });

    it("two connections deleting the two users of one reference at once orphan it exactly once", async () => {
      const fixture = await open();
      const { db } = fixture;
      const other = await secondOf(fixture);
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

    it("a deleted row's poll lease goes with it", async () => {
      const { db } = await open();
      const row = makeRow({ status: "processing", upstreamId: "task_1" });
      await db.insertGenerations({ rows: [row] });
      expect(await db.tryClaimPoll({ id: row.id, now: T0, intervalMs: 1_000, owner: "A", leaseMs: 60_000 })).toBe(true);
      await db.deleteGeneration(row.id);
      // The same id again (a restored row): nobody's lease holds it.
      await db.insertGenerations({ rows: [row] });
      expect(await db.tryClaimPoll({ id: row.id, now: T0 + 1_000, intervalMs: 1_000, owner: "B" })).toBe(true);
    });

    it("deleteReference refuses a reference still in use, and deletes an unused one", async () => {
      const { db } = await open();
      const [used, unused] = [makeReference(), makeReference()];
      await db.insertReference(used);
      await db.insertReference(unused);
      await db.insertGenerations({ rows: [makeRow({ references: [{ kind: "stored", id: used.id }] })] });
      expectForeignKeyError(await rejection(db.deleteReference(used.id)));
      expect(await db.getReference(used.id)).toEqual(used);
      await db.deleteReference(unused.id);
      expect(await db.getReference(unused.id)).toBeUndefined();
      await db.deleteReference("ref_missing");
    });

    it("deleteUnlinkedReferences takes old unused references only, oldest first, up to the limit", async () => {
      const { db } = await open();
      const [old1, old2, old3, linked, fresh] = [
        makeReference({ createdAt: T0 - 3_000 }),
        makeReference({ createdAt: T0 - 2_000 }),
        makeReference({ createdAt: T0 - 1_000 }),
        makeReference({ createdAt: T0 - 5_000 }),
        makeReference({ createdAt: T0 }),
      ];
      for (const ref of [old3, linked, fresh, old1, old2]) await db.insertReference(ref);
      await db.insertGenerations({ rows: [makeRow({ references: [{ kind: "stored", id: linked.id }] })] });
      expect(await db.deleteUnlinkedReferences({ createdBefore: T0, limit: 2 })).toEqual([old1, old2]);
      expect(await db.deleteUnlinkedReferences({ createdBefore: T0, limit: 10 })).toEqual([old3]);
      expect(await db.deleteUnlinkedReferences({ createdBefore: T0, limit: 10 })).toEqual([]);
      expect(await db.getReference(linked.id)).toEqual(linked);
      expect(await db.getReference(fresh.id)).toEqual(fresh);
      expect(await db.getReference(old1.id)).toBeUndefined();
    });

    it("insertReference refuses an id already used", async () => {
      const { db } = await open();
      const ref = makeReference();
      await db.insertReference(ref);
      await rejection(db.insertReference({ ...ref, bytes: 1 }));
      expect(await db.getReference(ref.id)).toEqual(ref);
    });
  });

  describe("close", () => {
    it("may be called twice", async () => {
      const { db } = await open();
      await db.close();
      await db.close();
    });
  });
}
