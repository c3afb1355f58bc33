import "server-only";
import { MIGRATE_TABLES, type CopiedTableName } from "@/lib/db/migrate-tables";
import { copyData, type CopyStats, type ProgressEvent } from "./copy";
import type { MigrationSource } from "./source";
import type { FileTarget, RowTarget } from "./targets";
import type { RowCounts } from "./tables";
import { formatBytes } from "./util";
import { verifyData, type VerifyResult } from "./verify";

// One run: copy, then verify; and the report it prints.

/** Tables deliberately not copied, with why: printed by the CLI. */
export const NOT_COPIED = `Not copied (short-lived, not worth moving): ${MIGRATE_TABLES.filter((table) => table.notCopied)
  .map((table) => `${table.label} (${table.notCopied})`)
  .join(", ")}.`;

export type MigrationRun = {
  /** Absent with verifyOnly. */
  copy?: CopyStats;
  verify: VerifyResult;
  copyMs: number;
  verifyMs: number;
};

export async function runMigration(options: {
  source: MigrationSource;
  rows?: RowTarget;
  files?: FileTarget;
  verifyOnly?: boolean;
  pageSize?: number;
  concurrency?: number;
  onProgress?: (event: ProgressEvent) => void | Promise<void>;
}): Promise<MigrationRun> {
  if (!options.rows && !options.files) throw new Error("nothing to do: give a rows target, a files target, or both");
  const started = performance.now();
  const copy = options.verifyOnly ? undefined : await copyData(options);
  const copied = performance.now();
  const verify = await verifyData(options);
  return { copy, verify, copyMs: copied - started, verifyMs: performance.now() - copied };
}

/** The short report: counts on both sides, bytes, time, and every difference. */
export function formatReport(run: MigrationRun, sides: { rowsMoved: boolean; filesMoved: boolean }): string[] {
  const { copy, verify } = run;
  const lines: string[] = [];
  const kept = (moved: boolean, where: string) => (moved ? undefined : `(kept in ${where})`);
  const row = (label: string, source: string, target: string, note = "") =>
    `  ${label.padEnd(16)}${source.padStart(10)}  ${target.padStart(12)}${note ? `   ${note}` : ""}`;

  lines.push(row("", "source", "target"));
  const rowsKept = kept(sides.rowsMoved, "SQLite");
  const t = verify.target.rows;
  for (const table of MIGRATE_TABLES) {
    if (table.notCopied || table.quiet) continue;
    const tally = copy && sides.rowsMoved && !table.copiedWith ? copy[table.name as CopiedTableName] : undefined;
    const note = tally ? `inserted ${tally.inserted}, already there ${tally.present}` : "";
    if (table.counted) {
      const name = table.name as keyof RowCounts;
      lines.push(row(table.label, String(verify.source[name]), rowsKept ?? String(t?.[name] ?? "?"), note));
    } else if (tally && tally.total > 0) {
      // Not counted: the rows the copy read.
      lines.push(row(table.label, String(tally.total), "", note));
    }
  }
  const f = verify.target.files;
  const filesKept = kept(sides.filesMoved, "the data dir");
  lines.push(
    row(
      "files",
      String(verify.source.files),
      filesKept ?? String(f?.files ?? "?"),
      copy && sides.filesMoved ? `copied ${copy.files.copied} (${formatBytes(copy.files.bytesCopied)}), already there ${copy.files.present}` : "",
    ),
  );
  lines.push(row("bytes", formatBytes(verify.source.bytes), filesKept ? "" : formatBytes(f?.bytes ?? 0)));
  const time = `${run.copy ? `copy ${seconds(run.copyMs)}, ` : ""}verify ${seconds(run.verifyMs)}`;
  lines.push(`  time            ${time}`);

  for (const warning of verify.warnings) lines.push(`warning: ${warning}`);
  if (verify.warningCount > verify.warnings.length) {
    lines.push(`warning: … and ${verify.warningCount - verify.warnings.length} more`);
  }
  if (verify.ok) {
    const what: string[] = [];
    if (sides.rowsMoved) {
      const compared = MIGRATE_TABLES.flatMap((table) =>
        table.verify && table.counted ? [`${verify.source[table.name as keyof RowCounts]} ${table.verify.one}`] : [],
      );
      what.push(`${[compared.slice(0, -1).join(", "), ...compared.slice(-1)].filter(Boolean).join(" and ")} rows equal field by field`);
    }
    if (sides.filesMoved) what.push(`${verify.source.files} files with equal sha256`);
    lines.push(`Verified: counts equal; ${what.join("; ")}.`);
  } else {
    lines.push(`MISMATCH: ${verify.problemCount} difference(s) between source and target:`);
    for (const problem of verify.problems) lines.push(`  ${problem}`);
    if (verify.problemCount > verify.problems.length) {
      lines.push(`  … and ${verify.problemCount - verify.problems.length} more`);
    }
  }
  return lines;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
