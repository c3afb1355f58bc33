import "server-only";
import { migrateTables } from "@/lib/db/shared/migrate-table";
import * as pg from "@/lib/db/postgres/schema";
import * as lite from "@/lib/db/sqlite/schema";

// Bulk runs' records as `npm run migrate-data` moves them (see lib/db/shared/migrate-table.ts).

export const runsTables = migrateTables([
  {
    name: "runs",
    label: "runs",
    tables: { sqlite: lite.runs, postgres: pg.runs },
    key: ["id"],
    counted: true,
    verify: { one: "run" },
  },
]);
