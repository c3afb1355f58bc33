import "server-only";
import { sql } from "drizzle-orm";
import { chunked } from "@/lib/db/shared/row-mapping";
import type { Db } from "@/lib/db/postgres/query-parts";
import { generations } from "@/lib/db/postgres/schema";
import { inOrderAsked } from "./decisions";
import type { GenerationRow } from "./port";
import { toGenerationRow } from "./row-mapping";

// Generations read by id on PostgreSQL: one array parameter per statement
// (`id = any($1)`), whatever the chunk's size.

// Ids per `id = any($1)` read.
const IDS_PER_QUERY = 10_000;

/** In the order asked for; unknown ids are skipped, repeated ones answered once. */
export async function readGenerations(db: Db, ids: readonly string[]): Promise<GenerationRow[]> {
  const wanted = [...new Set(ids)];
  const found: GenerationRow[] = [];
  for (const chunk of chunked(wanted, IDS_PER_QUERY)) {
    const records = await db
      .select()
      .from(generations)
      .where(sql`${generations.id} = any(${sql.param(chunk)}::text[])`);
    found.push(...records.map(toGenerationRow));
  }
  return inOrderAsked(wanted, found);
}
