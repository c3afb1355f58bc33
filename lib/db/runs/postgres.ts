import "server-only";
import { count, eq, sql } from "drizzle-orm";
import type { PostgresEngine } from "@/lib/db/postgres/engine";
import { withDriverErrors } from "@/lib/db/postgres/query-parts";
import { generations, runs } from "@/lib/db/postgres/schema";
import type { RunsStore } from "./port";
import { foldRunCounts } from "./query-parts";

export function postgresRuns({ db }: PostgresEngine): RunsStore {
  return {
    async getRun(id) {
      return withDriverErrors(async () => (await db.select().from(runs).where(eq(runs.id, id)))[0]);
    },

    async runCounts(id) {
      return withDriverErrors(async () => {
        const groups = await db.select({ status: generations.status, n: count() }).from(generations).where(eq(generations.runId, id)).groupBy(generations.status);
        return foldRunCounts(groups);
      });
    },

    async getRuns(ids) {
      if (ids.length === 0) return [];
      return withDriverErrors(() => db.select().from(runs).where(sql`${runs.id} = any(${sql.param([...new Set(ids)])}::text[])`));
    },
  };
}
