import "server-only";

// The database layer's public face: services import from here, never from an
// engine's folder.
export type * from "./types";
export { openPostgresDatabase, openSqliteDatabase } from "./open";
export { FRESH_GENERATION } from "./fresh-row";
export { limitRefusal } from "./generations/decisions";
