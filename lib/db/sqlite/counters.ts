import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "./query-parts";
import { rateCounters, uploadDays } from "./schema";

// The counters every process shares (issue 21): the daily upload allowance
// and fixed-window request counts. Each check-and-count is one statement, and
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

export function incrementRateCounter(db: Db, input: { key: string; windowStart: number }): number {
  const row = db
    .insert(rateCounters)
    .values({ key: input.key, windowStart: input.windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateCounters.key, rateCounters.windowStart], set: { count: sql`${rateCounters.count} + 1` } })
    .returning({ count: rateCounters.count })
    .get();
  return row.count;
}

export function deleteRateCountersBefore(db: Db, windowStart: number): number {
  return db.delete(rateCounters).where(lt(rateCounters.windowStart, windowStart)).run().changes;
}
