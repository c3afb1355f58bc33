import "server-only";
import { migrateTables } from "@/lib/db/shared/migrate-table";
import * as pg from "@/lib/db/postgres/schema";
import * as lite from "@/lib/db/sqlite/schema";

// Templates' tables as `npm run migrate-data` moves them (see lib/db/shared/migrate-table.ts).

export const templatesTables = migrateTables([
  {
    name: "templates",
    label: "templates",
    tables: { sqlite: lite.templates, postgres: pg.templates },
    key: ["id"],
    refs: { ownerId: { table: "users", as: "owner" } },
    needs: ["users"],
    counted: true,
    verify: { one: "template" },
  },
  {
    // Each stored reference a template carries, in order.
    name: "templateReferences",
    label: "template references",
    tables: { sqlite: lite.templateReferences, postgres: pg.templateReferences },
    key: ["templateId", "position"],
    needs: ["templates", "references"],
    counted: true,
  },
]);
