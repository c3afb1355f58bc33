import "server-only";
import { migrateTables } from "@/lib/db/shared/migrate-table";
import * as pg from "@/lib/db/postgres/schema";
import * as lite from "@/lib/db/sqlite/schema";

// Boards' tables as `npm run migrate-data` moves them (see lib/db/shared/migrate-table.ts).

export const boardsTables = migrateTables([
  {
    name: "boards",
    label: "boards",
    tables: { sqlite: lite.boards, postgres: pg.boards },
    key: ["id"],
    refs: { ownerId: { table: "users", as: "owner" } },
    needs: ["users"],
    counted: true,
    verify: { one: "board" },
  },
  {
    // Each picture on a board with the time it was added.
    name: "boardItems",
    label: "board items",
    tables: { sqlite: lite.boardItems, postgres: pg.boardItems },
    key: ["boardId", "generationId"],
    needs: ["boards", "generations"],
    counted: true,
    progress: true,
  },
  {
    // Share links by their token's hash: links handed out keep working.
    // (A share's title is its picture's prompt or its board's name, checked there.)
    name: "shares",
    label: "share links",
    tables: { sqlite: lite.shares, postgres: pg.shares },
    key: ["id"],
    refs: { createdBy: { table: "users", as: "creatorName" } },
    needs: ["users", "generations", "boards"],
    counted: true,
    verify: { one: "share link" },
  },
]);
