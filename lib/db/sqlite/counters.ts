import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "./query-parts";
import { uploadDays } from "./schema";

// The counters every process shares (issue 21): the daily upload allowance
// (the request counters are lib/db/counters/). Each check-and-count is one statement, and
// SQLite runs one writer at a time, so two uploads cannot pass a limit together.

export function addUploadBytes(db: Db, input: { createdBy: string; day: number; bytes: number; limit: number }): { added: boolean; total: number } {
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
}

function uploadTotal(db: Db, input: { createdBy: string; day: number }): number {
  const row = db
    .select({ bytes: uploadDays.bytes })
    .from(uploadDays)
    .where(and(eq(uploadDays.createdBy, input.createdBy), eq(uploadDays.day, input.day)))
    .get();
  return row?.bytes ?? 0;
}

export function returnUploadBytes(db: Db, input: { createdBy: string; day: number; bytes: number }): void {
  db.update(uploadDays)
    .set({ bytes: sql`max(0, ${uploadDays.bytes} - ${input.bytes})` })
    .where(and(eq(uploadDays.createdBy, input.createdBy), eq(uploadDays.day, input.day)))
    .run();
}

export function deleteUploadDaysBefore(db: Db, day: number): number {
  return db.delete(uploadDays).where(lt(uploadDays.day, day)).run().changes;
}
