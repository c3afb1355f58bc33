import "server-only";
import { MIGRATE_TABLES } from "@/lib/db/migrate-tables";
import type { BlobStore } from "@/lib/storage";
import type { MigrationSource, RowSide } from "./source";
import { COUNTED, identity, inTarget, matchOf, type MigrateTable, type RowCounts, type TableRow } from "./tables";
import type { FileTarget, RowTarget } from "./targets";
import { forEachLimit, hashStream } from "./util";

// The check after the copy (and on its own with --verify-only): counts on both
// sides, the rows of every table that says so (lib/db/migrate-tables.ts) field
// by field, and the sha256 of every file on both sides. The tables whose rows
// name files come first, then the counts, then the other tables. Each
// difference is one line naming what differs.

export type SideCounts = RowCounts & { files: number; bytes: number };

export type VerifyResult = {
  ok: boolean;
  /** The first MAX_LINES differences, one line each. */
  problems: string[];
  /** All differences found (problems may be cut short). */
  problemCount: number;
  /** Not differences: e.g. a file that a row names but the source lacks too (cut short like problems). */
  warnings: string[];
  warningCount: number;
  source: SideCounts;
  /** undefined for a side that was not moved (rows or files kept in place). */
  target: { rows?: RowCounts; files?: { files: number; bytes: number } };
};

export type VerifyOptions = {
  source: MigrationSource;
  rows?: RowTarget;
  files?: FileTarget;
  pageSize?: number;
  concurrency?: number;
};

const MAX_LINES = 50;

export async function verifyData(options: VerifyOptions): Promise<VerifyResult> {
  const { source, rows, files } = options;
  const pageSize = options.pageSize ?? 200;
  const concurrency = options.concurrency ?? 4;
  const problems: string[] = [];
  let problemCount = 0;
  const warnings: string[] = [];
  let warningCount = 0;
  const problem = (line: string) => {
    problemCount++;
    if (problems.length < MAX_LINES) problems.push(line);
  };
  const warn = (line: string) => {
    warningCount++;
    if (warnings.length < MAX_LINES) warnings.push(line);
  };

  const sourceCounts = await source.counts();
  const targetRows = rows ? await rows.counts() : undefined;
  const sourceFiles = { files: 0, bytes: 0 };
  const targetFiles = { files: 0, bytes: 0 };
  // Every key a source row names, to tell target objects no row uses (and to
  // check a key shared by several rows once).
  const seen = new Set<string>();

  const checkFiles = async (keys: string[]) => {
    const fresh = keys.filter((key) => !seen.has(key));
    for (const key of fresh) seen.add(key);
    await forEachLimit(fresh, concurrency, async (key) => {
      if (!files) {
        // Files kept in place: counted, not hashed (nothing to compare them with).
        const object = await source.store.get(key);
        object?.stream.destroy();
        if (object) {
          sourceFiles.files++;
          sourceFiles.bytes += object.size;
        } else {
          warn(`file ${key}: named by a row but missing in the data dir`);
        }
        return;
      }
      const from = await digestOf(source.store, key);
      if (from) {
        sourceFiles.files++;
        sourceFiles.bytes += from.size;
      }
      const to = await digestOf(files.store, key);
      if (to) {
        targetFiles.bytes += to.size;
        if (!files.list) targetFiles.files++;
      }
      if (!from && !to) {
        warn(`file ${key}: named by a row but missing in the source too (not copied)`);
      } else if (!from) {
        warn(`file ${key}: missing in the source, present in the target`);
      } else if (!to) {
        problem(`file ${key}: missing in the target`);
      } else if (from.sha256 !== to.sha256) {
        problem(
          `file ${key}: sha256 differs (source ${from.sha256.slice(0, 12)}… ${from.size} B, target ${to.sha256.slice(0, 12)}… ${to.size} B)`,
        );
      }
    });
  };

  // A person's id may differ between the sides: rows naming one are compared by the name.
  const named = new Map<string, { source: Map<unknown, unknown>; target: Map<unknown, unknown> }>();
  const keyMaps = new Map<string, Map<unknown, unknown>>();
  if (rows) {
    for (const table of MIGRATE_TABLES) {
      if (!table.verify) continue;
      for (const { table: name } of Object.values(table.refs ?? {})) {
        if (named.has(name)) continue;
        const other = MIGRATE_TABLES.find((t) => t.name === name)!;
        const [sourceNames, targetNames] = await Promise.all([matchesOf(source, other, pageSize), matchesOf(rows, other, pageSize)]);
        named.set(name, { source: sourceNames, target: targetNames });
        const targetKeys = new Map([...targetNames].map(([key, match]) => [match, key]));
        keyMaps.set(name, new Map([...sourceNames].map(([key, match]) => [key, targetKeys.get(match) ?? key])));
      }
    }
  }
  /** The fields compared: those that may differ once live left out, named rows by their match. */
  const compared = (table: MigrateTable, row: TableRow, side: "source" | "target") => {
    const view: TableRow = { ...row };
    for (const field of table.verify?.ignore ?? []) delete view[field];
    for (const [column, { table: name, as }] of Object.entries(table.refs ?? {})) {
      delete view[column];
      view[as] = named.get(name)?.[side].get(row[column]);
    }
    return view;
  };

  /** Every row of `table` in the source, compared with the target's, and the files they name. */
  const walk = async (table: MigrateTable) => {
    const verify = rows ? table.verify : undefined;
    const match = matchOf(table);
    let after: TableRow | undefined;
    let readRows = 0;
    for (;;) {
      const page = await source.page(table, after, pageSize);
      if (page.length === 0) break;
      after = page[page.length - 1];
      readRows += page.length;
      if (rows && verify) {
        const wanted = page.map((row) => inTarget(table, row, keyMaps));
        const there = new Map((await rows.find(table, wanted)).map((row) => [identity(row, match), row]));
        for (const [i, row] of page.entries()) {
          const name = `${verify.one} ${table.key.map((key) => String(row[key])).join(" ")}`;
          const other = there.get(identity(wanted[i], match));
          if (!other) {
            problem(`${name}: missing in the target`);
            continue;
          }
          const lines = differences(compared(table, row, "source"), compared(table, other, "target"));
          if (verify.kept) {
            // The values are secrets: which row differs, never its value.
            if (lines.length > 0) warn(`${name}: ${verify.kept}`);
          } else {
            for (const line of lines) problem(`${name}: ${line}`);
          }
        }
      }
      if (table.files) await checkFiles(page.flatMap((row) => table.files!(row).map((file) => file.key)));
    }
    return readRows;
  };

  // The tables whose rows name files (every row read, whether the rows moved or not).
  const read = new Map<MigrateTable, number>();
  for (const table of MIGRATE_TABLES) {
    if (table.files && !table.notCopied) read.set(table, await walk(table));
  }
  // The source changed under the copy (the studio was left running)?
  const counted = [...read].filter(([table]) => table.counted);
  if (counted.some(([table, readRows]) => readRows !== sourceCounts[table.name as keyof RowCounts])) {
    const all = (parts: string[]) => parts.join(" and ");
    problem(
      `source: counted ${all(counted.map(([table]) => `${sourceCounts[table.name as keyof RowCounts]} ${table.label}`))}, read ${all(counted.map(([, readRows]) => String(readRows)))} (is the studio still running on it?)`,
    );
  }

  if (rows && targetRows) {
    for (const { name, label } of COUNTED) {
      const key = name as keyof RowCounts;
      if (sourceCounts[key] !== targetRows[key]) problem(`${label}: source ${sourceCounts[key]}, target ${targetRows[key]}`);
    }
  }

  // The other tables compared field by field.
  if (rows) {
    for (const table of MIGRATE_TABLES) {
      if (table.verify && !table.files && !table.notCopied) await walk(table);
    }
  }

  if (files?.list) {
    let extra = 0;
    for await (const { key } of files.list()) {
      targetFiles.files++;
      if (!seen.has(key)) {
        extra++;
        if (extra <= 5) problem(`file ${key}: in the target but named by no source row`);
      }
    }
    if (extra > 5) problem(`files: ${extra - 5} more objects in the target named by no source row`);
  }
  if (files && sourceFiles.files !== targetFiles.files) {
    problem(`files: source ${sourceFiles.files}, target ${targetFiles.files}`);
  }

  return {
    ok: problemCount === 0,
    problems,
    problemCount,
    warnings,
    warningCount,
    source: { ...sourceCounts, ...sourceFiles },
    target: { rows: targetRows, files: files ? targetFiles : undefined },
  };
}

/** Each row's match (a person's name) by its key, on one side. */
async function matchesOf(side: RowSide, table: MigrateTable, pageSize: number): Promise<Map<unknown, unknown>> {
  const [key] = table.key;
  const [match] = matchOf(table);
  const found = new Map<unknown, unknown>();
  let after: TableRow | undefined;
  for (;;) {
    const page = await side.page(table, after, pageSize);
    if (page.length === 0) break;
    after = page[page.length - 1];
    for (const row of page) found.set(row[key], row[match]);
  }
  return found;
}

async function digestOf(store: BlobStore, key: string): Promise<{ sha256: string; size: number } | undefined> {
  const object = await store.get(key);
  return object ? hashStream(object.stream) : undefined;
}

/** "field: source …, target …" for each field that differs (key order in objects does not matter). */
export function differences<T extends object>(source: T, target: T): string[] {
  const lines: string[] = [];
  const fields = new Set([...Object.keys(source), ...Object.keys(target)]);
  for (const field of fields) {
    const a = (source as Record<string, unknown>)[field];
    const b = (target as Record<string, unknown>)[field];
    if (!sameValue(a, b)) lines.push(`${field} differs (source ${show(a)}, target ${show(b)})`);
  }
  return lines;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined).sort();
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined).sort();
  return (
    ka.length === kb.length &&
    ka.every((k, i) => k === kb[i] && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

function show(value: unknown): string {
  const text = value === undefined ? "undefined" : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
