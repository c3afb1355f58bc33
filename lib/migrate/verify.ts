import "server-only";
import type { GenerationRow, ReferenceRow, ShareSummary } from "@/lib/db";
import type { BlobStore } from "@/lib/storage";
import type { MigrationSource, RowCounts } from "./source";
import type { FileTarget, RowTarget } from "./targets";
import { forEachLimit, hashStream } from "./util";

// The check after the copy (and on its own with --verify-only): counts on both
// sides, every reference and generation row field by field, and the sha256 of
// every file on both sides (and every deleted picture's record, which still counts).
// Each difference is one line naming what differs.

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

  // References, ascending by id.
  let afterId: string | undefined;
  let referencesSeen = 0;
  for (;;) {
    const ids = await source.referenceIds(afterId, pageSize);
    if (ids.length === 0) break;
    afterId = ids[ids.length - 1];
    const refs = (await Promise.all(ids.map((id) => source.db.getReference(id)))).filter(
      (ref): ref is ReferenceRow => ref !== undefined,
    );
    referencesSeen += refs.length;
    if (rows) {
      await forEachLimit(refs, concurrency, async (ref) => {
        const there = await rows.db.getReference(ref.id);
        if (!there) problem(`reference ${ref.id}: missing in the target`);
        else for (const line of differences(ref, there)) problem(`reference ${ref.id}: ${line}`);
      });
    }
    await checkFiles(refs.map((ref) => ref.storageKey));
  }

  // Generations, newest first by keyset.
  let beforeId: string | undefined;
  let generationsSeen = 0;
  for (;;) {
    const page: GenerationRow[] = await source.db.listGenerations({ beforeId, limit: pageSize });
    if (page.length === 0) break;
    beforeId = page[page.length - 1].id;
    generationsSeen += page.length;
    if (rows) {
      const there = new Map((await rows.db.getGenerations(page.map((row) => row.id))).map((row) => [row.id, row]));
      for (const row of page) {
        const other = there.get(row.id);
        if (!other) problem(`generation ${row.id}: missing in the target`);
        else for (const line of differences(row, other)) problem(`generation ${row.id}: ${line}`);
      }
    }
    const keys: string[] = [];
    for (const row of page) {
      if (row.imageKey) keys.push(row.imageKey);
      if (row.thumbKey) keys.push(row.thumbKey);
    }
    await checkFiles(keys);
  }

  // The source changed under the copy (the studio was left running)?
  if (generationsSeen !== sourceCounts.generations || referencesSeen !== sourceCounts.references) {
    problem(
      `source: counted ${sourceCounts.generations} generations and ${sourceCounts.references} references, read ${generationsSeen} and ${referencesSeen} (is the studio still running on it?)`,
    );
  }

  if (rows && targetRows) {
    for (const [name, label] of [
      ["generations", "generations"],
      ["references", "references"],
      ["referenceLinks", "reference links"],
      ["favorites", "favorites"],
      ["deletedGenerations", "deleted pictures"],
      ["apiTokens", "api tokens"],
      ["boards", "boards"],
      ["boardItems", "board items"],
      ["shares", "share links"],
    ] as const) {
      if (sourceCounts[name] !== targetRows[name]) {
        problem(`${label}: source ${sourceCounts[name]}, target ${targetRows[name]}`);
      }
    }
  }

  if (rows) {
    // Tokens: the same secret's hash, name and dates (the person may have
    // another id in the target, and the last use moves on once it is live).
    const there = new Map((await rows.db.listApiTokens({})).map((token) => [token.id, token]));
    for (const token of await source.db.listApiTokens({})) {
      const other = there.get(token.id);
      if (!other) problem(`api token ${token.id}: missing in the target`);
      else {
        const pick = (t: typeof token) => ({ name: t.name, tokenHash: t.tokenHash, createdAt: t.createdAt, expiresAt: t.expiresAt, userName: t.userName });
        for (const line of differences(pick(token), pick(other))) problem(`api token ${token.id}: ${line}`);
      }
    }
    // Boards and share links: the same fields, and the same person by name
    // (who may have another id in the target).
    const sourceNames = new Map((await source.db.listUsers()).map((user) => [user.id, user.name]));
    const targetNames = new Map((await rows.db.listUsers()).map((user) => [user.id, user.name]));
    let afterBoard: string | undefined;
    for (;;) {
      const boards = await source.boards(afterBoard, pageSize);
      if (boards.length === 0) break;
      afterBoard = boards[boards.length - 1].id;
      for (const { ownerId, ...board } of boards) {
        const there = await rows.db.getBoard(board.id);
        if (!there) problem(`board ${board.id}: missing in the target`);
        else {
          const { ownerId: theirOwner, ...other } = there;
          const lines = differences({ ...board, owner: sourceNames.get(ownerId) }, { ...other, owner: targetNames.get(theirOwner) });
          for (const line of lines) problem(`board ${board.id}: ${line}`);
        }
      }
    }
    // (A share's title is its picture's prompt or its board's name, checked there.)
    const pickShare = (s: ShareSummary) => ({
      tokenHash: s.tokenHash,
      generationId: s.generationId,
      boardId: s.boardId,
      createdAt: s.createdAt,
      expiresAt: s.expiresAt,
      creatorName: s.creatorName,
    });
    const targetShares = new Map((await rows.db.listShares({})).map((share) => [share.id, share]));
    for (const share of await source.db.listShares({})) {
      const other = targetShares.get(share.id);
      if (!other) problem(`share link ${share.id}: missing in the target`);
      else for (const line of differences(pickShare(share), pickShare(other))) problem(`share link ${share.id}: ${line}`);
    }
    // Deleted pictures: field by field, since each still counts for usage and budgets
    // (upstreamId and errorCode decide whether it is charged).
    let afterDeleted: string | undefined;
    for (;;) {
      const records = await source.deletedGenerations(afterDeleted, pageSize);
      if (records.length === 0) break;
      afterDeleted = records[records.length - 1].id;
      const there = new Map((await rows.deletedGenerationsByIds(records.map((r) => r.id))).map((r) => [r.id, r]));
      for (const record of records) {
        const other = there.get(record.id);
        if (!other) problem(`deleted picture ${record.id}: missing in the target`);
        else for (const line of differences(record, other)) problem(`deleted picture ${record.id}: ${line}`);
      }
    }
    // Settings are secrets: which key differs, never its value.
    const targetSettings = new Map((await rows.settings()).map((setting) => [setting.key, setting.value]));
    for (const setting of await source.settings()) {
      const value = targetSettings.get(setting.key);
      if (value === undefined) problem(`setting ${setting.key}: missing in the target`);
      else if (value !== setting.value) warn(`setting ${setting.key}: the target keeps its own value (links signed by the old studio stop working)`);
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
