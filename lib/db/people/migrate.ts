import "server-only";
import { migrateTables } from "@/lib/db/shared/migrate-table";
import * as pg from "@/lib/db/postgres/schema";
import * as lite from "@/lib/db/sqlite/schema";

// People's tables as `npm run migrate-data` moves them (see lib/db/shared/migrate-table.ts).

export const peopleTables = migrateTables([
  {
    // Accounts with their ids, roles, limits and password hashes. A name the
    // target already has keeps the target's account, whose id the rows naming
    // the person are then given.
    name: "users",
    label: "users",
    tables: { sqlite: lite.users, postgres: pg.users },
    key: ["id"],
    match: ["name"],
    quiet: true,
  },
  {
    // Only hashes exist on either side: a script's token keeps working on the new instances.
    name: "apiTokens",
    label: "api tokens",
    tables: { sqlite: lite.apiTokens, postgres: pg.apiTokens },
    key: ["id"],
    refs: { userId: { table: "users", as: "userName" } },
    needs: ["users"],
    counted: true,
    verify: { one: "api token", ignore: ["lastUsedAt"] },
  },
  {
    // Values the studio made once, such as the key that signs picture links:
    // links handed out stay valid.
    name: "settings",
    label: "settings",
    tables: { sqlite: lite.studioSettings, postgres: pg.studioSettings },
    key: ["key"],
    verify: { one: "setting", ignore: ["createdAt"], kept: "the target keeps its own value (links signed by the old studio stop working)" },
  },
  {
    name: "sessions",
    label: "sessions",
    tables: { sqlite: lite.sessions, postgres: pg.sessions },
    key: ["idHash"],
    notCopied: "people sign in again",
  },
  {
    name: "invites",
    label: "invites",
    tables: { sqlite: lite.invites, postgres: pg.invites },
    key: ["idHash"],
    notCopied: "an admin makes new links",
  },
  {
    name: "loginFailures",
    label: "sign-in failures",
    tables: { sqlite: lite.loginFailures, postgres: pg.loginFailures },
    key: ["id"],
    notCopied: "15-minute throttle window",
  },
]);
