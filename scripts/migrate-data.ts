// npm run migrate-data -- --to postgres://… --storage s3://bucket/prefix [--from ./data] [--verify-only]
// Copies an embedded data dir into PostgreSQL and an S3 bucket, resumable and
// verified. The logic lives in lib/migrate (see lib/migrate/cli.ts).
import { runCli } from "@/lib/migrate/cli";

process.on("SIGINT", () => {
  process.stderr.write("\ninterrupted: what was copied is kept; run the same command again to resume.\n");
  process.exit(130);
});

const code = await runCli(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = code;
