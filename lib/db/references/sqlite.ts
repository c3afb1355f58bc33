import "server-only";
import { asc, eq, inArray, lt, sql } from "drizzle-orm";
import { rowLimit } from "@/lib/db/shared/conditions";
import { toReferenceRow } from "@/lib/db/shared/row-mapping";
import type { SqliteEngine } from "@/lib/db/sqlite/engine";
import { WRITE, type Db } from "@/lib/db/sqlite/query-parts";
import { generationReferences, generations, referenceImages, templateReferences, uploadDays } from "@/lib/db/sqlite/schema";
import type { ReferencesStore } from "./port";
import { completedUseOf, unlinkedBefore, uploadDayOf } from "./query-parts";

export function sqliteReferences({ db }: SqliteEngine): ReferencesStore {
  return {
    async insertReference(row) {
      db.insert(referenceImages).values(row).run();
    },

    async getReference(id) {
      const record = db.select().from(referenceImages).where(eq(referenceImages.id, id)).get();
      return record && toReferenceRow(record);
    },

    async referenceUsedByCompleted(id) {
      const found = db
        .select({ id: generations.id })
        .from(generationReferences)
        .innerJoin(generations, eq(generations.id, generationReferences.generationId))
        .where(completedUseOf({ links: generationReferences, generations }, id))
        .limit(1)
        .get();
      return found !== undefined;
    },

    /** Throws (foreign key) while a generation still uses the reference. */
    async deleteReference(id) {
      db.delete(referenceImages).where(eq(referenceImages.id, id)).run();
    },

    async deleteUnlinkedReferences(input) {
      return db.transaction((tx) => {
        const linked = tx.select({ one: sql`1` }).from(generationReferences).where(eq(generationReferences.referenceId, referenceImages.id));
        const template = tx.select({ one: sql`1` }).from(templateReferences).where(eq(templateReferences.referenceId, referenceImages.id));
        const unused = tx
          .select()
          .from(referenceImages)
          .where(unlinkedBefore(referenceImages, [linked, template], input.createdBefore))
          .orderBy(asc(referenceImages.createdAt), asc(referenceImages.id))
          .limit(rowLimit(input.limit))
          .all();
        if (unused.length === 0) return [];
        tx.delete(referenceImages).where(inArray(referenceImages.id, unused.map((r) => r.id))).run();
        return unused.map(toReferenceRow);
      }, WRITE);
    },

    // Each check-and-count is one statement, and SQLite runs one writer at a
    // time, so two uploads (any process) cannot pass the limit together.
    async addUploadBytes(input) {
      // Inserts the day's row, or adds to it, only while the sum stays within the
      // limit (the WHERE of the SELECT also keeps SQLite from reading ON as a join).
      const added = db.get<{ bytes: number }>(sql`
        insert into ${uploadDays} (created_by, day, bytes)
        select ${input.createdBy}, ${input.day}, ${input.bytes} where ${input.bytes} <= ${input.limit}
        on conflict (created_by, day) do update set bytes = upload_days.bytes + excluded.bytes
          where upload_days.bytes + excluded.bytes <= ${input.limit}
        returning bytes`);
      if (added) return { added: true, total: added.bytes };
      return { added: false, total: uploadTotal(db, input) };
    },

    async returnUploadBytes(input) {
      db.update(uploadDays)
        .set({ bytes: sql`max(0, ${uploadDays.bytes} - ${input.bytes})` })
        .where(uploadDayOf(uploadDays, input))
        .run();
    },

    async deleteUploadDaysBefore(day) {
      return db.delete(uploadDays).where(lt(uploadDays.day, day)).run().changes;
    },
  };
}

function uploadTotal(db: Db, input: { createdBy: string; day: number }): number {
  return db.select({ bytes: uploadDays.bytes }).from(uploadDays).where(uploadDayOf(uploadDays, input)).get()?.bytes ?? 0;
}
