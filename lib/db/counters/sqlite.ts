import "server-only";
import { lt, sql } from "drizzle-orm";
import type { SqliteEngine } from "@/lib/db/sqlite/engine";
import { rateCounters } from "@/lib/db/sqlite/schema";
import type { CountersStore } from "./port";

// One statement each, and SQLite runs one writer at a time: two requests
// cannot both read the same count.

export function sqliteCounters({ db }: SqliteEngine): CountersStore {
  return {
    async incrementRateCounter(input) {
      const row = db
        .insert(rateCounters)
        .values({ key: input.key, windowStart: input.windowStart, count: 1 })
        .onConflictDoUpdate({ target: [rateCounters.key, rateCounters.windowStart], set: { count: sql`${rateCounters.count} + 1` } })
        .returning({ count: rateCounters.count })
        .get();
      return row.count;
    },

    async deleteRateCountersBefore(windowStart) {
      return db.delete(rateCounters).where(lt(rateCounters.windowStart, windowStart)).run().changes;
    },
  };
}
