import "server-only";
import { copyData, type CopyStats, type ProgressEvent } from "./copy";
import type { MigrationSource } from "./source";
import type { FileTarget, RowTarget } from "./targets";
import { formatBytes } from "./util";
import { verifyData, type VerifyResult } from "./verify";

// One run: copy, then verify; and the report it prints.

/** Tables deliberately not copied, with why: printed by the CLI. */
export const NOT_COPIED =
  "Not copied (short-lived, not worth moving): idempotency keys (retry protection, 24 h), sign-in failures (15-minute throttle window), poll leases (a few poll intervals; the new instances take their own), sessions (people sign in again), invites (an admin makes new links), the day's upload totals (each person's allowance starts afresh), rate counters (one-minute windows).";

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
  lines.push(
    row(
      "generations",
      String(verify.source.generations),
      rowsKept ?? String(t?.generations ?? "?"),
      copy && sides.rowsMoved ? `inserted ${copy.generations.inserted}, already there ${copy.generations.present}` : "",
    ),
  );
  lines.push(
    row(
      "references",
      String(verify.source.references),
      rowsKept ?? String(t?.references ?? "?"),
      copy && sides.rowsMoved ? `inserted ${copy.references.inserted}, already there ${copy.references.present}` : "",
    ),
  );
  lines.push(row("reference links", String(verify.source.referenceLinks), rowsKept ?? String(t?.referenceLinks ?? "?")));
  lines.push(
    row(
      "favorites",
      String(verify.source.favorites),
      rowsKept ?? String(t?.favorites ?? "?"),
      copy && sides.rowsMoved ? `inserted ${copy.favorites.inserted}, already there ${copy.favorites.present}` : "",
    ),
  );
  lines.push(
    row(
      "deleted pictures",
      String(verify.source.deletedGenerations),
      rowsKept ?? String(t?.deletedGenerations ?? "?"),
      copy && sides.rowsMoved ? `inserted ${copy.deletedGenerations.inserted}, already there ${copy.deletedGenerations.present}` : "",
    ),
  );
  if (copy && sides.rowsMoved && copy.prices.total > 0) {
    lines.push(row("prices", String(copy.prices.total), "", `inserted ${copy.prices.inserted}, already there ${copy.prices.present}`));
  }
  lines.push(
    row(
      "api tokens",
      String(verify.source.apiTokens),
      rowsKept ?? String(t?.apiTokens ?? "?"),
      copy && sides.rowsMoved ? `inserted ${copy.apiTokens.inserted}, already there ${copy.apiTokens.present}` : "",
    ),
  );
  for (const [label, key] of [
    ["boards", "boards"],
    ["board items", "boardItems"],
    ["share links", "shares"],
  ] as const) {
    lines.push(
      row(
        label,
        String(verify.source[key]),
        rowsKept ?? String(t?.[key] ?? "?"),
        copy && sides.rowsMoved ? `inserted ${copy[key].inserted}, already there ${copy[key].present}` : "",
      ),
    );
  }
  if (copy && sides.rowsMoved && copy.settings.total > 0) {
    lines.push(row("settings", String(copy.settings.total), "", `inserted ${copy.settings.inserted}, already there ${copy.settings.present}`));
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
      what.push(`${verify.source.generations} generation and ${verify.source.references} reference rows equal field by field`);
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
