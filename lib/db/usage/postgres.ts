import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import type { CountedColumns } from "@/lib/db/shared/conditions";
import type { PostgresEngine } from "@/lib/db/postgres/engine";
import { bytewise, countedRows, withDriverErrors } from "@/lib/db/postgres/query-parts";
import { prices } from "@/lib/db/postgres/schema";
import type { UsageGroupBy, UsageStore } from "./port";
import { createdBetween, usageFields } from "./query-parts";

export function postgresUsage({ db }: PostgresEngine): UsageStore {
  return {
    async listPrices() {
      return withDriverErrors(() => db.select().from(prices).orderBy(bytewise(prices.key)));
    },

    async setPrice(row) {
      const { price, updatedAt, updatedBy } = row;
      await withDriverErrors(() => db.insert(prices).values(row).onConflictDoUpdate({ target: prices.key, set: { price, updatedAt, updatedBy } }));
    },

    async deletePrice(key) {
      await withDriverErrors(() => db.delete(prices).where(eq(prices.key, key)));
    },

    async usageGroups(input) {
      const counted = countedRows(db, (t) => createdBetween(t, input));
      const { group, key, order } = usageKey(input.groupBy, counted);
      // Byte order and NULL (no size) first, as SQLite sorts, whatever the
      // database's collation.
      return withDriverErrors(() =>
        db
          .select(usageFields(counted, key))
          .from(counted)
          .groupBy(group, counted.model, counted.imageSize)
          .orderBy(order, bytewise(counted.model), sql`${bytewise(counted.imageSize)} nulls first`),
      );
    },
  };
}

/**
 * The usage query's group key and how it reads. By day: rows are grouped on
 * the UTC day number (created_at / 86,400,000, a bigint division), and only
 * each group's day is formatted "YYYY-MM-DD" in UTC whatever the session's
 * time zone, as SQLite's strftime does: to_char on every row costs several
 * times the rest of the query. Day numbers sort as their dates do. By user or
 * model: the column itself, sorted byte by byte. Literals stay in the SQL, not
 * parameters, so PostgreSQL sees the select list's day as the GROUP BY's.
 */
function usageKey(groupBy: UsageGroupBy, t: CountedColumns): { group: SQL; key: SQL<string>; order: SQL } {
  if (groupBy === "day") {
    const day = sql`(${t.createdAt} / 86400000)`;
    return { group: day, key: sql<string>`to_char(to_timestamp(${day} * 86400) at time zone 'UTC', 'YYYY-MM-DD')`, order: day };
  }
  const column = sql<string>`${columnOf(groupBy, t)}`;
  return { group: column, key: column, order: bytewise(column) };
}

/** By user, model or template: the column itself (no template: ""). */
const columnOf = (groupBy: Exclude<UsageGroupBy, "day">, t: CountedColumns) =>
  groupBy === "user" ? t.createdBy : groupBy === "model" ? t.model : sql`coalesce(${t.templateId}, '')`;
