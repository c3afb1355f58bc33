import { getTableColumns, getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { MIGRATE_TABLES } from "@/lib/db/migrate-tables";
import * as pg from "@/lib/db/postgres/schema";
import * as lite from "@/lib/db/sqlite/schema";
import { NOT_COPIED } from "./run";

// The migration learns the studio's tables from the slices' lists: a table
// of the schema that no list names would be left behind without a word.

const sqliteTables = (Object.values(lite) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable));
const postgresTables = (Object.values(pg) as unknown[]).filter((value): value is PgTable => is(value, PgTable));

describe("the migrate entries of the slices", () => {
  it("name every table of both schemas once, the same table on each side", () => {
    const listed = MIGRATE_TABLES.map((table) => getTableName(table.tables.sqlite));
    expect([...listed].sort()).toEqual(sqliteTables.map(getTableName).sort());
    expect(MIGRATE_TABLES.map((table) => getTableName(table.tables.postgres)).sort()).toEqual(postgresTables.map(getTableName).sort());
    for (const table of MIGRATE_TABLES) {
      expect(getTableName(table.tables.postgres), table.name).toBe(getTableName(table.tables.sqlite));
      const columns = Object.keys(getTableColumns(table.tables.sqlite));
      expect(Object.keys(getTableColumns(table.tables.postgres)).sort(), table.name).toEqual([...columns].sort());
      for (const name of [...table.key, ...(table.match ?? []), ...Object.keys(table.refs ?? {})]) {
        expect(columns, `${table.name}.${name}`).toContain(name);
      }
    }
  });

  it("walk each table after the tables it needs", () => {
    const seen = new Set<string>();
    for (const table of MIGRATE_TABLES) {
      for (const need of [...(table.needs ?? []), ...Object.values(table.refs ?? {}).map((ref) => ref.table)]) {
        expect(seen, `${table.name} after ${need}`).toContain(need);
      }
      seen.add(table.name);
    }
    expect(MIGRATE_TABLES.map((table) => table.name).slice(0, 3)).toEqual(["users", "references", "generations"]);
  });

  it("say why each table left behind is", () => {
    for (const table of MIGRATE_TABLES.filter((t) => t.notCopied)) expect(NOT_COPIED).toContain(`${table.label} (${table.notCopied})`);
    expect(NOT_COPIED).toContain("idempotency keys (retry protection, 24 h)");
    expect(NOT_COPIED).toContain("rate counters (one-minute windows)");
  });
});
