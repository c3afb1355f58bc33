import "server-only";

// Moving an embedded data dir (SQLite + files) into Postgres and an S3 bucket:
// copy, then verify. scripts/migrate-data.ts is the command line (cli.ts).

export type { ProgressEvent } from "./copy";
export { openSource } from "./source";
export { openPostgresTarget, s3FileTarget } from "./targets";
export { verifyData } from "./verify";
export { runMigration } from "./run";
export { runCli } from "./cli";
