import "server-only";
import { contentTypeFor, migrateTables } from "@/lib/db/shared/migrate-table";
import * as pg from "@/lib/db/postgres/schema";
import * as lite from "@/lib/db/sqlite/schema";
import type { GenerationRow } from "@/lib/db/types";

// The generations' tables as `npm run migrate-data` moves them (see lib/db/shared/migrate-table.ts).

export const generationsTables = migrateTables([
  {
    name: "generations",
    label: "generations",
    tables: { sqlite: lite.generations, postgres: pg.generations },
    key: ["id"],
    // A generation names its person (by name) and its stored references.
    needs: ["users", "references"],
    counted: true,
    progress: true,
    verify: { one: "generation" },
    files: (row: GenerationRow) => [
      ...(row.imageKey ? [{ key: row.imageKey, contentType: contentTypeFor(row.imageKey, row.imageContentType) }] : []),
      ...(row.thumbKey ? [{ key: row.thumbKey, contentType: contentTypeFor(row.thumbKey, "image/webp") }] : []),
    ],
    // Through the adapter: its insert also writes the reference links and the
    // search keys (the target's own index, filled as rows arrive).
    through: {
      // Newest first, every status.
      read: (db, after: GenerationRow | undefined, limit) => db.listGenerations({ beforeId: after?.id, limit }),
      find: (db, rows: readonly GenerationRow[]) => db.getGenerations(rows.map((row) => row.id)),
      async write(db, rows: readonly GenerationRow[]) {
        // Oldest first within the page, as they were created.
        await db.insertGenerations({ rows: [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) });
      },
    },
  },
  {
    name: "referenceLinks",
    label: "reference links",
    tables: { sqlite: lite.generationReferences, postgres: pg.generationReferences },
    key: ["generationId", "position"],
    counted: true,
    copiedWith: "generations",
  },
  {
    name: "favorites",
    label: "favorites",
    tables: { sqlite: lite.favorites, postgres: pg.favorites },
    key: ["userId", "generationId"],
    refs: { userId: { table: "users", as: "userName" } },
    needs: ["users", "generations"],
    counted: true,
    progress: true,
  },
  {
    // What a deleted picture still counts for (usage, budgets): upstreamId and
    // errorCode say whether the gateway took it (then it is charged).
    name: "deletedGenerations",
    label: "deleted pictures",
    tables: { sqlite: lite.deletedGenerations, postgres: pg.deletedGenerations },
    key: ["id"],
    counted: true,
    verify: { one: "deleted picture" },
  },
  {
    name: "idempotencyKeys",
    label: "idempotency keys",
    tables: { sqlite: lite.idempotencyKeys, postgres: pg.idempotencyKeys },
    key: ["key", "createdBy"],
    notCopied: "retry protection, 24 h",
  },
  {
    name: "pollLeases",
    label: "poll leases",
    tables: { sqlite: lite.pollLeases, postgres: pg.pollLeases },
    key: ["generationId"],
    notCopied: "a few poll intervals; the new instances take their own",
  },
]);
