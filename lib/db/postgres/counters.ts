import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { withDriverErrors, type Db } from "./query-parts";
import { uploadDays } from "./schema";

// The counters every instance shares (issue 21): the daily upload allowance
// (the request counters are lib/db/counters/). Each check-and-count is one statement:
// INSERT … ON CONFLICT DO UPDATE locks the row and reads its latest value, so
// concurrent uploads on several instances cannot pass a limit together.

export async function addUploadBytes(db: Db, input: { createdBy: string; day: number; bytes: number; limit: number }): Promise<{ added: boolean; total: number }> {
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
}

async function uploadTotal(db: Db, input: { createdBy: string; day: number }): Promise<number> {
  const [row] = await withDriverErrors(() =>
    db
      .select({ bytes: uploadDays.bytes })
      .from(uploadDays)
      .where(and(eq(uploadDays.createdBy, input.createdBy), eq(uploadDays.day, input.day))),
  );
  return row?.bytes ?? 0;
}

export async function returnUploadBytes(db: Db, input: { createdBy: string; day: number; bytes: number }): Promise<void> {
  await withDriverErrors(() =>
    db
      .update(uploadDays)
      .set({ bytes: sql`greatest(0, ${uploadDays.bytes} - ${input.bytes}::bigint)` })
      .where(and(eq(uploadDays.createdBy, input.createdBy), eq(uploadDays.day, input.day))),
  );
}

export async function deleteUploadDaysBefore(db: Db, day: number): Promise<number> {
  const result = await withDriverErrors(() => db.delete(uploadDays).where(lt(uploadDays.day, day)));
  return result.rowCount ?? 0;
}
