import "server-only";

// Moving an embedded data dir (SQLite + files) into Postgres and an S3 bucket:
// copy, then verify. scripts/migrate-data.ts is the command line (cli.ts).

export { copyData, copyFile, type CopyOptions, type CopyStats, type ProgressEvent } from "./copy";
export { openSource, SourceError, type MigrationSource } from "./source";
export type { RowCounts } from "./tables";
export { openPostgresTarget, s3FileTarget, type FileTarget, type RowTarget } from "./targets";
export { verifyData, differences, type VerifyResult } from "./verify";
export { makeRedactor, describeDatabaseUrl, urlPassword, errorLine, type Redactor } from "./redact";
export { runMigration, formatReport, NOT_COPIED, type MigrationRun } from "./run";
export { runCli, USAGE } from "./cli";
