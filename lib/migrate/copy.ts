import "server-only";
import { buffer } from "node:stream/consumers";
import { MIGRATE_TABLES, type CopiedTableName, type ProgressLabel } from "@/lib/db/migrate-tables";
import type { RowFile } from "@/lib/db/shared/migrate-table";
import type { BlobStore } from "@/lib/storage";
import type { MigrationSource } from "./source";
import { identity, inTarget, matchOf, type TableRow } from "./tables";
import type { FileTarget, RowTarget } from "./targets";
import { forEachLimit, hashStream, sha256 } from "./util";

// The copy walks the tables of lib/db/migrate-tables.ts in their order (each
// after what it needs: accounts, stored references, generations, then what
// names them), each a page at a time by keyset. A page's files go first, then
// its rows, so a row in the target always has its files and a generation its
// references. Accounts keep their ids, roles, limits and password hashes;
// tokens, share links and settings move as they are stored (hashes, the key
// that signs picture links), so what was handed out keeps working.
// Re-running skips what is there: rows whose key (a person: whose name) the
// target already has, files whose key the target holds with the same sha256.
// A person the target knows under another id keeps the target's id, which
// the rows naming them are given. One file at a time per worker is held in
// memory, never more.

export type ProgressEvent =
  | { kind: "file"; key: string; action: FileAction; bytes: number }
  | { kind: ProgressLabel; inserted: number; present: number; done: number; total: number };

export type FileAction = "copied" | "present" | "missing-in-source";

export type CopyOptions = {
  source: MigrationSource;
  /** Absent: rows stay in the source's SQLite file. */
  rows?: RowTarget;
  /** Absent: files stay in the source's data dir. */
  files?: FileTarget;
  /** Rows per page (default 200). */
  pageSize?: number;
  /** Files copied at once (default 4). */
  concurrency?: number;
  /**
   * Told after every file and every page of rows. Awaited; a throw stops the
   * copy there (what was copied stays copied), which is how tests interrupt it.
   */
  onProgress?: (event: ProgressEvent) => void | Promise<void>;
};

/** Rows the copy wrote, found there already (by key, a person by name), and read. */
type Tally = { inserted: number; present: number; total: number };

export type CopyStats = { [Name in CopiedTableName]: Tally } & {
  files: {
    copied: number;
    present: number;
    bytesCopied: number;
    bytesTotal: number;
    /** Files a row names that the source lacks too (the verify step lists them as warnings). */
    missingInSource: number;
  };
};

export async function copyData(options: CopyOptions): Promise<CopyStats> {
  const { source, rows, files, onProgress } = options;
  const pageSize = options.pageSize ?? 200;
  const concurrency = options.concurrency ?? 4;
  const totals = await source.counts();
  const fileStats = { copied: 0, present: 0, bytesCopied: 0, bytesTotal: 0, missingInSource: 0 };
  const tallies: Record<string, Tally> = {};
  // What the target already holds, when it can say in a few requests: keys
  // not there are put without asking about each (a fresh bucket costs one
  // request per file, not two), and a size that differs needs no download.
  let held: Map<string, number> | undefined;
  if (files?.list) {
    held = new Map();
    for await (const { key, size } of files.list()) held.set(key, size);
  }

  const copyFiles = async (items: RowFile[]) => {
    if (!files) return;
    await forEachLimit(items, concurrency, async ({ key, contentType }) => {
      const { action, bytes } = await copyFile(source.store, files.store, key, contentType, held);
      if (action === "copied") {
        fileStats.copied++;
        fileStats.bytesCopied += bytes;
      } else if (action === "present") {
        fileStats.present++;
      } else {
        fileStats.missingInSource++;
      }
      fileStats.bytesTotal += bytes;
      await onProgress?.({ kind: "file", key, action, bytes });
    });
  };

  // The target's key of each row of a table other rows name (a person found by name), by its source key.
  const keyMaps = new Map<string, Map<unknown, unknown>>();
  for (const table of MIGRATE_TABLES) {
    for (const { table: named } of Object.values(table.refs ?? {})) keyMaps.set(named, new Map());
  }

  for (const table of MIGRATE_TABLES) {
    if (table.notCopied || table.copiedWith) continue;
    const tally: Tally = { inserted: 0, present: 0, total: table.counted ? totals[table.name as keyof typeof totals] : 0 };
    tallies[table.name] = tally;
    const keyMap = keyMaps.get(table.name);
    const match = matchOf(table);
    let after: TableRow | undefined;
    let done = 0;
    for (;;) {
      const page = await source.page(table, after, pageSize);
      if (page.length === 0) break;
      after = page[page.length - 1];
      if (table.files) await copyFiles(page.flatMap((row) => table.files!(row)));
      let inserted = 0;
      let present = 0;
      if (rows) {
        const wanted = page.map((row) => inTarget(table, row, keyMaps));
        const there = new Map((await rows.find(table, wanted)).map((row) => [identity(row, match), row]));
        const missing = wanted.filter((row) => !there.has(identity(row, match)));
        if (keyMap) {
          const [key] = table.key;
          for (const row of wanted) keyMap.set(row[key], (there.get(identity(row, match)) ?? row)[key]);
        }
        if (missing.length > 0) await rows.insert(table, missing);
        inserted = missing.length;
        present = page.length - missing.length;
        tally.inserted += inserted;
        tally.present += present;
      }
      done += page.length;
      if (!table.counted) tally.total += page.length;
      if (table.progress) {
        await onProgress?.({ kind: table.label as ProgressLabel, inserted, present, done, total: tally.total });
      }
    }
  }
  return { ...tallies, files: fileStats } as CopyStats;
}

/** Copies one object unless the target already holds the same bytes. */
export async function copyFile(
  from: BlobStore,
  to: BlobStore,
  key: string,
  contentType: string,
  /** Sizes of the objects the target held when the copy started, if known. */
  held?: ReadonlyMap<string, number>,
): Promise<{ action: FileAction; bytes: number }> {
  const object = await from.get(key);
  if (!object) return { action: "missing-in-source", bytes: 0 };
  const bytes = await buffer(object.stream);
  const digest = sha256(bytes);
  const worthAsking = held === undefined || held.get(key) === bytes.length;
  const existing = worthAsking ? await to.get(key) : undefined;
  if (existing) {
    if (existing.size === bytes.length && (await hashStream(existing.stream)).sha256 === digest) {
      return { action: "present", bytes: bytes.length };
    }
    existing.stream.destroy();
  }
  await to.put({ key, bytes, contentType });
  return { action: "copied", bytes: bytes.length };
}
