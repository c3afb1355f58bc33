import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { openSqliteDatabase, type BoardRow, type ShareRow, type StudioDatabase } from "@/lib/db";
import { defaultSqliteMigrationsFolder } from "@/lib/db/sqlite/open";
import { SqliteStudioDatabase } from "@/lib/db/sqlite/repository";
import { registerSqliteFunctions } from "@/lib/db/sqlite/casefold";
import { createFsStore, type BlobStore } from "@/lib/storage";

// The embedded data dir being moved out: <dir>/studio.db and <dir>/files, as
// lib/config.ts lays them out. It is only read. The database file is opened
// read-only (SQLite still creates its -wal/-shm side files next to it, as any
// reader of a WAL database does) and wrapped in the SQLite adapter's own
// class, so rows come back exactly as the app reads them. Only when the file's
// schema is older than this version (pending migrations) is it opened through
// openSqliteDatabase, which applies them first.

export type RowCounts = {
  generations: number;
  references: number;
  referenceLinks: number;
  favorites: number;
  deletedGenerations: number;
  /** Personal API tokens (issue 13). */
  apiTokens: number;
  /** Boards, the pictures on them, and share links (issue 14). */
  boards: number;
  boardItems: number;
  shares: number;
};

/** One picture on one board, as board_items holds it (issue 14). */
export type BoardItemRecord = { boardId: string; generationId: string; addedAt: number };

/** One studio_settings row (issue 13): a value the studio made once, e.g. the key that signs picture links. A secret: never printed. */
export type SettingRecord = { key: string; value: string; createdAt: number };

/** One person's star, as the favorites table holds it (issue 12). */
export type FavoriteRecord = { userId: string; generationId: string; createdAt: number };

/**
 * What a deleted picture still counts for, as deleted_generations holds it:
 * usage and budgets move with it. upstreamId and errorCode say whether the
 * gateway took it (then it is charged, issue 21).
 */
export type DeletedRecord = {
  id: string;
  createdBy: string;
  model: string;
  imageSize: string | null;
  status: string;
  createdAt: number;
  deletedAt: number;
  upstreamId: string | null;
  errorCode: string | null;
};

/** One side holding rows: the source's SQLite file or the target Postgres. */
export interface RowSide {
  readonly db: StudioDatabase;
  /** Safe to print (no password). */
  readonly label: string;
  counts(): Promise<RowCounts>;
  /** Every studio_settings row (StudioDatabase only ensures one key at a time). */
  settings(): Promise<SettingRecord[]>;
}

export interface MigrationSource extends RowSide {
  readonly dataDir: string;
  readonly dbFile: string;
  readonly filesRoot: string;
  readonly store: BlobStore;
  /** False when pending migrations had to be applied to the file to read it. */
  readonly readOnly: boolean;
  /** Things worth telling the person (e.g. that migrations were applied). */
  readonly notes: string[];
  /** Stored reference ids in ascending order, strictly after `afterId`. */
  referenceIds(afterId: string | undefined, limit: number): Promise<string[]>;
  /**
   * Every star, a page at a time in key order (user_id, generation_id),
   * strictly after `after`: StudioDatabase only answers one person's stars
   * among given pictures.
   */
  favorites(after: FavoriteRecord | undefined, limit: number): Promise<FavoriteRecord[]>;
  /** deleted_generations rows in ascending id order, strictly after `afterId` (not in StudioDatabase either). */
  deletedGenerations(afterId: string | undefined, limit: number): Promise<DeletedRecord[]>;
  /** Every board, whoever may see it, in ascending id order, strictly after `afterId` (listBoards answers one viewer). */
  boards(afterId: string | undefined, limit: number): Promise<BoardRow[]>;
  /** Every board item in key order (board_id, generation_id), strictly after `after`. */
  boardItems(after: BoardItemRecord | undefined, limit: number): Promise<BoardItemRecord[]>;
  /** Every share link (its token's hash), in ascending id order, strictly after `afterId`. */
  shares(afterId: string | undefined, limit: number): Promise<ShareRow[]>;
  close(): Promise<void>;
}

export class SourceError extends Error {
  override name = "SourceError";
}

export type OpenSourceOptions = {
  /** Defaults to drizzle/sqlite under the working directory, as the app's. */
  migrationsFolder?: string;
};

export async function openSource(dataDir: string, options: OpenSourceOptions = {}): Promise<MigrationSource> {
  const dir = path.resolve(dataDir);
  const dbFile = path.join(dir, "studio.db");
  const filesRoot = path.join(dir, "files");
  // Checked first: opening a path that does not exist would create an empty database there.
  if (!fs.existsSync(dbFile)) {
    throw new SourceError(`no studio.db in ${dir}: pass the embedded data dir with --from (or STUDIO_DATA_DIR)`);
  }
  const migrationsFolder = options.migrationsFolder ?? defaultSqliteMigrationsFolder();

  const raw = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    raw.pragma("busy_timeout = 5000");
    registerSqliteFunctions(raw);
    const pending = pendingMigrations(raw, migrationsFolder);
    const notes: string[] = [];
    let db: StudioDatabase;
    let adapter: StudioDatabase | undefined;
    if (pending === 0) {
      db = new SqliteStudioDatabase(raw, drizzle({ client: raw }));
    } else {
      // Older schema: the adapter brings it up to date (migrations only add to
      // it), then this read-only handle sees the same, current tables.
      adapter = openSqliteDatabase({ file: dbFile, migrationsFolder });
      db = adapter;
      notes.push(`the source's schema was ${pending} migration(s) behind; they were applied to ${dbFile} before reading`);
    }

    const countStatement = raw.prepare(
      `select (select count(*) from generations) as generations,
              (select count(*) from reference_images) as "references",
              (select count(*) from generation_references) as referenceLinks,
              (select count(*) from favorites) as favorites,
              (select count(*) from deleted_generations) as deletedGenerations,
              (select count(*) from api_tokens) as apiTokens,
              (select count(*) from boards) as boards,
              (select count(*) from board_items) as boardItems,
              (select count(*) from shares) as shares`,
    );
    const settingsStatement = raw.prepare("select key, value, created_at as createdAt from studio_settings order by key");
    const idsStatement = raw.prepare("select id from reference_images where id > ? order by id limit ?").pluck();
    // Row values compare as the primary key orders: keyset paging on it.
    const favoritesStatement = raw.prepare(
      `select user_id as userId, generation_id as generationId, created_at as createdAt from favorites
        where (user_id, generation_id) > (?, ?) order by user_id, generation_id limit ?`,
    );
    const deletedStatement = raw.prepare(
      `select id, created_by as createdBy, model, image_size as imageSize, status, created_at as createdAt, deleted_at as deletedAt,
              upstream_id as upstreamId, error_code as errorCode
         from deleted_generations where id > ? order by id limit ?`,
    );
    const boardsStatement = raw.prepare(
      `select id, name, visibility, owner_id as ownerId, created_at as createdAt, updated_at as updatedAt
         from boards where id > ? order by id limit ?`,
    );
    const boardItemsStatement = raw.prepare(
      `select board_id as boardId, generation_id as generationId, added_at as addedAt from board_items
        where (board_id, generation_id) > (?, ?) order by board_id, generation_id limit ?`,
    );
    const sharesStatement = raw.prepare(
      `select id, token_hash as tokenHash, generation_id as generationId, board_id as boardId, created_by as createdBy,
              created_at as createdAt, expires_at as expiresAt
         from shares where id > ? order by id limit ?`,
    );

    return {
      db,
      label: `SQLite ${dbFile}${adapter ? "" : " (read-only)"}`,
      dataDir: dir,
      dbFile,
      filesRoot,
      store: createFsStore({ root: filesRoot }),
      readOnly: adapter === undefined,
      notes,
      async counts() {
        const row = countStatement.get() as RowCounts;
        return {
          generations: Number(row.generations),
          references: Number(row.references),
          referenceLinks: Number(row.referenceLinks),
          favorites: Number(row.favorites),
          deletedGenerations: Number(row.deletedGenerations),
          apiTokens: Number(row.apiTokens),
          boards: Number(row.boards),
          boardItems: Number(row.boardItems),
          shares: Number(row.shares),
        };
      },
      async settings() {
        return settingsStatement.all() as SettingRecord[];
      },
      async referenceIds(afterId, limit) {
        return idsStatement.all(afterId ?? "", limit) as string[];
      },
      async favorites(after, limit) {
        return favoritesStatement.all(after?.userId ?? "", after?.generationId ?? "", limit) as FavoriteRecord[];
      },
      async deletedGenerations(afterId, limit) {
        return deletedStatement.all(afterId ?? "", limit) as DeletedRecord[];
      },
      async boards(afterId, limit) {
        return boardsStatement.all(afterId ?? "", limit) as BoardRow[];
      },
      async boardItems(after, limit) {
        return boardItemsStatement.all(after?.boardId ?? "", after?.generationId ?? "", limit) as BoardItemRecord[];
      },
      async shares(afterId, limit) {
        return sharesStatement.all(afterId ?? "", limit) as ShareRow[];
      },
      async close() {
        // Not db.close() on the read-only handle: the adapter's close runs
        // PRAGMA optimize, a write.
        if (adapter) await adapter.close();
        if (raw.open) raw.close();
      },
    };
  } catch (error) {
    if (raw.open) raw.close();
    if (error instanceof SourceError) throw error;
    throw new SourceError(`cannot read ${dbFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** How many of the app's migrations the file lacks (drizzle's own rule: by folder time). */
function pendingMigrations(raw: Database.Database, migrationsFolder: string): number {
  const journalFile = path.join(migrationsFolder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { when: number }[] };
  const hasTable = raw
    .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  if (!hasTable) {
    const hasGenerations = raw.prepare("select 1 from sqlite_master where type = 'table' and name = 'generations'").get();
    if (!hasGenerations) throw new SourceError("it is not a Nano Studio database (no generations table)");
    return journal.entries.length;
  }
  const last = raw.prepare('select max(created_at) as m from "__drizzle_migrations"').get() as { m: number | null };
  const applied = Number(last.m ?? 0);
  return journal.entries.filter((entry) => entry.when > applied).length;
}
