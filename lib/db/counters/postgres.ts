import "server-only";
import { lt, sql } from "drizzle-orm";
import type { PostgresEngine } from "@/lib/db/postgres/engine";
import { withDriverErrors } from "@/lib/db/postgres/query-parts";
import { rateCounters } from "@/lib/db/postgres/schema";
import type { CountersStore } from "./port";

// One statement each: INSERT … ON CONFLICT DO UPDATE locks the row and reads
// its latest value, so concurrent requests on several instances count one
// after another.

export function postgresCounters({ db }: PostgresEngine): CountersStore {
  return {
    async incrementRateCounter(input) {
      const [row] = await withDriverErrors(() =>
        db
          .insert(rateCounters)
          .values({ key: input.key, windowStart: input.windowStart, count: 1 })
          .onConflictDoUpdate({ target: [rateCounters.key, rateCounters.windowStart], set: { count: sql`${rateCounters.count} + 1` } })
          .returning({ count: rateCounters.count }),
      );
      return row.count;
    },

    async deleteRateCountersBefore(windowStart) {
      const result = await withDriverErrors(() => db.delete(rateCounters).where(lt(rateCounters.windowStart, windowStart)));
      return result.rowCount ?? 0;
    },
  };
}
