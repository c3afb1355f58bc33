import "server-only";
import { asc, eq, sql, type SQL } from "drizzle-orm";
import type { CountedColumns } from "@/lib/db/shared/conditions";
import type { SqliteEngine } from "@/lib/db/sqlite/engine";
import { countedRows } from "@/lib/db/sqlite/query-parts";
import { prices } from "@/lib/db/sqlite/schema";
import type { UsageGroupBy, UsageStore } from "./port";
import { createdBetween, usageFields } from "./query-parts";

export function sqliteUsage({ db }: SqliteEngine): UsageStore {
  return {
    async listPrices() {
      return db.select().from(prices).orderBy(asc(prices.key)).all();
    },

    async setPrice(row) {
      const { price, updatedAt, updatedBy } = row;
      db.insert(prices).values(row).onConflictDoUpdate({ target: prices.key, set: { price, updatedAt, updatedBy } }).run();
    },

    async deletePrice(key) {
      db.delete(prices).where(eq(prices.key, key)).run();
    },

    async usageGroups(input) {
      const counted = countedRows(db, (t) => createdBetween(t, input));
      const { group, key } = usageKey(input.groupBy, counted);
      // SQLite compares text byte by byte (BINARY) and sorts NULL first, as the
      // PostgreSQL adapter asks for explicitly.
      return db
        .select(usageFields(counted, key))
        .from(counted)
        .groupBy(group, counted.model, counted.imageSize)
        .orderBy(group, asc(counted.model), asc(counted.imageSize))
        .all();
    },
  };
}

/**
 * The usage query's group key and how it reads. By day: rows are grouped on
 * the UTC day number (created_at / 86,400,000: an integer division, so
 * 23:59:59.999 stays on its day), and only each group's day is formatted
 * "YYYY-MM-DD", with strftime: formatting every row instead costs more than
 * the rest of the query. Day numbers sort as their dates do. By user, model
 * or template: the column itself (no template: "").
 */
function usageKey(groupBy: UsageGroupBy, t: CountedColumns): { group: SQL; key: SQL<string> } {
  if (groupBy === "day") {
    const day = sql`(${t.createdAt} / 86400000)`;
    return { group: day, key: sql<string>`strftime('%Y-%m-%d', ${day} * 86400, 'unixepoch')` };
  }
  const column = sql<string>`${columnOf(groupBy, t)}`;
  return { group: column, key: column };
}

const columnOf = (groupBy: Exclude<UsageGroupBy, "day">, t: CountedColumns) =>
  groupBy === "user" ? t.createdBy : groupBy === "model" ? t.model : sql`coalesce(${t.templateId}, '')`;
