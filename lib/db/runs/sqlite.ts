import "server-only";
import { count, eq, inArray } from "drizzle-orm";
import { chunked } from "@/lib/db/shared/row-mapping";
import type { SqliteEngine } from "@/lib/db/sqlite/engine";
import { IDS_PER_QUERY } from "@/lib/db/sqlite/query-parts";
import { generations, runs } from "@/lib/db/sqlite/schema";
import type { RunRow, RunsStore } from "./port";
import { foldRunCounts } from "./query-parts";

export function sqliteRuns({ db }: SqliteEngine): RunsStore {
  return {
    async getRun(id) {
      return db.select().from(runs).where(eq(runs.id, id)).get();
    },

    async runCounts(id) {
      const groups = db.select({ status: generations.status, n: count() }).from(generations).where(eq(generations.runId, id)).groupBy(generations.status).all();
      return foldRunCounts(groups);
    },

    async getRuns(ids) {
      const found: RunRow[] = [];
      for (const chunk of chunked([...new Set(ids)], IDS_PER_QUERY)) found.push(...db.select().from(runs).where(inArray(runs.id, chunk)).all());
      return found;
    },
  };
}
