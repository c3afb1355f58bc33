import "server-only";
import { migrateTables } from "@/lib/db/shared/migrate-table";
import * as pg from "@/lib/db/postgres/schema";
import * as lite from "@/lib/db/sqlite/schema";

// The prices' table as `npm run migrate-data` moves it (see lib/db/shared/migrate-table.ts).

export const usageTables = migrateTables([
  {
    // Prices an admin set in the studio; one the target already has for a key is kept as it is.
    name: "prices",
    label: "prices",
    tables: { sqlite: lite.prices, postgres: pg.prices },
    key: ["key"],
  },
]);
