import "server-only";
import { migrateTables } from "@/lib/db/shared/migrate-table";
import * as pg from "@/lib/db/postgres/schema";
import * as lite from "@/lib/db/sqlite/schema";

// The rate counters' table as `npm run migrate-data` sees it (see lib/db/shared/migrate-table.ts).

export const countersTables = migrateTables([
  {
    name: "rateCounters",
    label: "rate counters",
    tables: { sqlite: lite.rateCounters, postgres: pg.rateCounters },
    key: ["key", "windowStart"],
    notCopied: "one-minute windows",
  },
]);
