import { describe, expect, it } from "vitest";
import { makeReference, makeRow } from "@/lib/db/shared/test-rows";
import type { ContractOptions } from "./context";

// Whose eyes a stored reference may meet: a finished
// picture's references are shown to the whole team in the viewer; those of a
// picture that was not made stay their uploader's (and the admins').

export function describeReferenceUse(options: ContractOptions): void {
  const { open } = options;

  describe("referenceUsedByCompleted", () => {
    it("is true only while a completed generation links the reference, whoever made it", async () => {
      const { db } = await open();
      const [shown, unfinished, unused] = [makeReference(), makeReference(), makeReference()];
      for (const ref of [shown, unfinished, unused]) await db.insertReference(ref);
      const stored = (id: string) => [{ kind: "stored" as const, id }];
      const done = makeRow({ status: "completed", references: stored(shown.id) });
      await db.insertGenerations({
        rows: [
          done,
          makeRow({ status: "failed", references: [...stored(unfinished.id), ...stored(shown.id)] }),
          makeRow({ status: "processing", references: stored(unfinished.id), createdBy: "bob" }),
        ],
      });
      expect(await db.referenceUsedByCompleted(shown.id)).toBe(true);
      expect(await db.referenceUsedByCompleted(unfinished.id)).toBe(false);
      expect(await db.referenceUsedByCompleted(unused.id)).toBe(false);
      expect(await db.referenceUsedByCompleted("ref_missing")).toBe(false);
      // Its picture deleted, it is no longer shown anywhere.
      await db.deleteGeneration(done.id);
      expect(await db.referenceUsedByCompleted(shown.id)).toBe(false);
    });
  });
}
