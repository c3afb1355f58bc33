import "server-only";
import { parseArgs } from "node:util";
import { checkS3Store, createS3Store, parseS3Settings, S3SettingsError, type S3Store } from "@/lib/storage";
import { formatReport, NOT_COPIED, runMigration } from "./run";
import { errorLine, makeRedactor, urlPassword } from "./redact";
import { openSource, type MigrationSource } from "./source";
import { openPostgresTarget, s3FileTarget, type FileTarget, type RowTarget } from "./targets";

// npm run migrate-data -- --to postgres://… --storage s3://bucket/prefix [--from ./data] [--verify-only]
// The logic of scripts/migrate-data.ts, here so tests run it in-process.
// Exit codes: 0 copied and verified, 1 verify found differences, 2 bad usage
// or configuration (nothing copied), 3 failed while copying (run it again: it resumes).

export const USAGE = `Usage: npm run migrate-data -- [--to postgres://user:password@host:5432/db] [--storage s3://bucket/prefix] [--from ./data] [--verify-only]

Copies an embedded Nano Studio data dir (studio.db and files/) into PostgreSQL
(--to) and/or an S3-compatible bucket (--storage); either may be given alone,
and the other side stays where it is. Re-running resumes and never duplicates;
every run ends with a verify step (counts, rows field by field, sha256 of every
file) and exits non-zero on any difference.

  --from DIR       the embedded data dir (default: STUDIO_DATA_DIR, else ./data); only read
  --to URL         PostgreSQL to copy the rows into (its schema is created if missing)
  --storage URL    s3://bucket/prefix to copy the pictures into; S3_ENDPOINT, S3_REGION,
                   S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_FORCE_PATH_STYLE as for the app
  --verify-only    copy nothing, only compare
Exit codes: 0 verified, 1 differences found, 2 bad usage or configuration, 3 copy failed (re-run to resume).`;

export type CliIo = { out(line: string): void; err(line: string): void };

export async function runCli(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        storage: { type: "string" },
        "verify-only": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    // parseArgs may quote an argument: it could hold a password, so say only which.
    const name = error instanceof Error ? /'(--?[a-z-]+)/i.exec(error.message)?.[1] : undefined;
    io.err(`error: ${name ? `unexpected or incomplete option ${name}` : "could not read the arguments"}`);
    io.err(USAGE);
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }

  const to = args.to?.trim() || undefined;
  const storage = args.storage?.trim() || undefined;
  const redact = makeRedactor([
    to ? urlPassword(to) : undefined,
    to ? passwordParameter(to) : undefined,
    env.S3_SECRET_ACCESS_KEY?.trim(),
    // Read by the drivers when the URL or S3_* variables leave them out.
    env.PGPASSWORD,
    env.AWS_SECRET_ACCESS_KEY,
    env.AWS_SESSION_TOKEN,
  ]);
  const out = (line: string) => io.out(redact(line));
  const err = (line: string) => io.err(redact(line));

  if (!to && !storage) {
    err("error: nothing to do: give --to postgres://… and/or --storage s3://bucket/prefix");
    err(USAGE);
    return 2;
  }
  if (to && !/^postgres(ql)?:\/\/\S+$/.test(to)) {
    err("error: --to must be a postgres:// URL");
    return 2;
  }

  let settings;
  if (storage) {
    try {
      settings = parseS3Settings({ ...env, STORAGE_URL: storage });
    } catch (error) {
      if (!(error instanceof S3SettingsError)) throw error;
      // STORAGE_URL is where --storage goes: name the option the person typed.
      err(`error: ${errorLine(error, redact).replace("STORAGE_URL:", "--storage:")}`);
      return 2;
    }
  }

  const fromDir = args.from ?? env.STUDIO_DATA_DIR ?? "./data";
  let source: MigrationSource | undefined;
  let rows: RowTarget | undefined;
  let s3: S3Store | undefined;
  let files: FileTarget | undefined;
  try {
    try {
      source = await openSource(fromDir);
      if (settings) {
        s3 = createS3Store(settings);
        await checkS3Store(s3);
        files = s3FileTarget(s3, settings);
      }
      if (to) rows = await openPostgresTarget(to);
    } catch (error) {
      err(`error: ${errorLine(error, redact)}`);
      return 2;
    }

    out("Nano Studio data migration");
    out(`  from   ${source.label}, files in ${source.filesRoot}`);
    out(`  rows   ${rows ? `-> ${rows.label}` : "stay in the SQLite file (no --to)"}`);
    out(`  files  ${files ? `-> ${files.label}` : `stay in ${source.filesRoot} (no --storage)`}`);
    for (const note of source.notes) out(`  note: ${note}`);
    out(NOT_COPIED);
    if (!args["verify-only"]) {
      out("Stop the studio on this data dir first: rows it changes during the copy are reported by the verify step, not copied.");
    }

    let lastPrint = 0;
    let run;
    try {
      run = await runMigration({
        source,
        rows,
        files,
        verifyOnly: args["verify-only"],
        onProgress(event) {
          if (event.kind === "file") return;
          const now = performance.now();
          if (event.done < event.total && now - lastPrint < 2_000) return;
          lastPrint = now;
          out(`  ${event.kind} ${event.done}/${event.total}`);
        },
      });
    } catch (error) {
      err(`error: ${errorLine(error, redact)}`);
      err("The copy stopped; what was copied is kept. Run the same command again to resume.");
      return 3;
    }
    for (const line of formatReport(run, { rowsMoved: rows !== undefined, filesMoved: files !== undefined })) {
      (run.verify.ok ? out : err)(line);
    }
    return run.verify.ok ? 0 : 1;
  } catch (error) {
    // Anything unforeseen still goes out as one redacted line, not a stack.
    err(`error: ${errorLine(error, redact)}`);
    return 3;
  } finally {
    await source?.close().catch(() => undefined);
    await rows?.close().catch(() => undefined);
    s3?.client.destroy();
  }
}

/** A password given as ?password=… in the URL (pg accepts it there too). */
function passwordParameter(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get("password") ?? undefined;
  } catch {
    return undefined;
  }
}
