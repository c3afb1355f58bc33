import "server-only";
import { contentTypeFor, migrateTables } from "@/lib/db/shared/migrate-table";
import * as pg from "@/lib/db/postgres/schema";
import * as lite from "@/lib/db/sqlite/schema";
import type { ReferenceRow } from "@/lib/db/types";

// The references' tables as `npm run migrate-data` moves them (see lib/db/shared/migrate-table.ts).

export const referencesTables = migrateTables([
  {
    // Every stored reference, used or not, its file before its row.
    name: "references",
    label: "references",
    tables: { sqlite: lite.referenceImages, postgres: pg.referenceImages },
    key: ["id"],
    counted: true,
    progress: true,
    verify: { one: "reference" },
    files: (row: ReferenceRow) => [{ key: row.storageKey, contentType: contentTypeFor(row.storageKey, row.contentType) }],
  },
  {
    name: "uploadDays",
    label: "the day's upload totals",
    tables: { sqlite: lite.uploadDays, postgres: pg.uploadDays },
    key: ["createdBy", "day"],
    notCopied: "each person's allowance starts afresh",
  },
]);
