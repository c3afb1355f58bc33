import "server-only";
import { asc, eq, inArray, lt, sql } from "drizzle-orm";
import { rowLimit } from "@/lib/db/shared/conditions";
import { toReferenceRow } from "@/lib/db/shared/row-mapping";
import type { PostgresEngine } from "@/lib/db/postgres/engine";
import { withDriverErrors, type Db } from "@/lib/db/postgres/query-parts";
import { generationReferences, generations, referenceImages, templateReferences, uploadDays } from "@/lib/db/postgres/schema";
import type { ReferencesStore } from "./port";
import { completedUseOf, unlinkedBefore, uploadDayOf } from "./query-parts";

export function postgresReferences({ db }: PostgresEngine): ReferencesStore {
  return {
    async insertReference(row) {
      await withDriverErrors(() => db.insert(referenceImages).values(row));
    },

    async getReference(id) {
      return withDriverErrors(async () => {
        const [record] = await db.select().from(referenceImages).where(eq(referenceImages.id, id));
        return record && toReferenceRow(record);
      });
    },

    async referenceUsedByCompleted(id) {
      return withDriverErrors(async () => {
        const found = await db
          .select({ id: generations.id })
          .from(generationReferences)
          .innerJoin(generations, eq(generations.id, generationReferences.generationId))
          .where(completedUseOf({ links: generationReferences, generations }, id))
          .limit(1);
        return found.length > 0;
      });
    },

    /** Throws (foreign key, SQLSTATE 23503) while a generation still uses the reference. */
    async deleteReference(id) {
      await withDriverErrors(() => db.delete(referenceImages).where(eq(referenceImages.id, id)));
    },

    async deleteUnlinkedReferences(input) {
      // One statement. SKIP LOCKED passes over a reference a create is linking
      // right now (its foreign-key check holds a lock on the row), and another
      // instance pruning at the same time takes the rows this one does not.
      const linked = db.select({ one: sql`1` }).from(generationReferences).where(eq(generationReferences.referenceId, referenceImages.id));
      const template = db.select({ one: sql`1` }).from(templateReferences).where(eq(templateReferences.referenceId, referenceImages.id));
      const unused = db
        .select({ id: referenceImages.id })
        .from(referenceImages)
        .where(unlinkedBefore(referenceImages, [linked, template], input.createdBefore))
        .orderBy(asc(referenceImages.createdAt), asc(referenceImages.id))
        .limit(rowLimit(input.limit))
        .for("update", { skipLocked: true });
      const deleted = await withDriverErrors(() => db.delete(referenceImages).where(inArray(referenceImages.id, unused)).returning());
      return deleted.map(toReferenceRow).sort((x, y) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : 1));
    },

    // Each check-and-count is one statement: INSERT … ON CONFLICT DO UPDATE
    // locks the row and reads its latest value, so concurrent uploads on
    // several instances cannot pass the limit together.
    async addUploadBytes(input) {
      const result = await withDriverErrors(() =>
        db.execute<{ bytes: string }>(sql`
          insert into ${uploadDays} (created_by, day, bytes)
          select ${input.createdBy}::text, ${input.day}::bigint, ${input.bytes}::bigint where ${input.bytes}::bigint <= ${input.limit}::bigint
          on conflict (created_by, day) do update set bytes = upload_days.bytes + excluded.bytes
            where upload_days.bytes + excluded.bytes <= ${input.limit}::bigint
          returning bytes`),
      );
      const [added] = result.rows;
      if (added) return { added: true, total: Number(added.bytes) };
      return { added: false, total: await uploadTotal(db, input) };
    },

    async returnUploadBytes(input) {
      await withDriverErrors(() =>
        db
          .update(uploadDays)
          .set({ bytes: sql`greatest(0, ${uploadDays.bytes} - ${input.bytes}::bigint)` })
          .where(uploadDayOf(uploadDays, input)),
      );
    },

    async deleteUploadDaysBefore(day) {
      const result = await withDriverErrors(() => db.delete(uploadDays).where(lt(uploadDays.day, day)));
      return result.rowCount ?? 0;
    },
  };
}

async function uploadTotal(db: Db, input: { createdBy: string; day: number }): Promise<number> {
  const [row] = await withDriverErrors(() => db.select({ bytes: uploadDays.bytes }).from(uploadDays).where(uploadDayOf(uploadDays, input)));
  return row?.bytes ?? 0;
}
