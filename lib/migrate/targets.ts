import "server-only";
import { ListObjectsCommand } from "@aws-sdk/client-s3";
import pg from "pg";
import { openPostgresDatabase, type StudioDatabase } from "@/lib/db";
import { describeS3Settings, type BlobStore, type S3Settings, type S3Store } from "@/lib/storage";
import { describeDatabaseUrl } from "./redact";
import type { BoardItemRecord, DeletedRecord, RowCounts, RowSide, SettingRecord } from "./source";

// Where the data goes: a Postgres database for the rows, a blob store (S3 in
// practice) for the files. Either may be absent: that side stays where it is.

export interface RowTarget extends RowSide {
  /**
   * Adds deleted_generations rows the target lacks (by id); how many it
   * added. StudioDatabase has no method for them: only its deletes write them.
   */
  insertDeletedGenerations(records: readonly DeletedRecord[]): Promise<number>;
  /** The target's deleted_generations rows with these ids, for the verify step (in no order). */
  deletedGenerationsByIds(ids: readonly string[]): Promise<DeletedRecord[]>;
  /**
   * Adds board items the target lacks (by board and picture), each with the
   * time it was added (addBoardItems stamps one time for all); how many it added.
   */
  insertBoardItems(records: readonly BoardItemRecord[]): Promise<number>;
  close(): Promise<void>;
}

export interface FileTarget {
  readonly store: BlobStore;
  /** Safe to print. */
  readonly label: string;
  /**
   * Every object the target holds (key relative to its prefix, and size), when
   * the store can list: the copy skips asking about keys that are not there,
   * and the verify step counts them, so objects no source row uses show up.
   */
  list?(): AsyncIterable<{ key: string; size: number }>;
}

/** Opens (and migrates) the Postgres database. Errors name the host, never the password. */
export async function openPostgresTarget(url: string, options: { migrationsFolder?: string } = {}): Promise<RowTarget> {
  const db: StudioDatabase = await openPostgresDatabase({ url, migrationsFolder: options.migrationsFolder, maxConnections: 6 });
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 10_000, application_name: "nano-studio-migrate" });
  // A connection broken while idle is dropped by the pool; the next query opens another.
  pool.on("error", () => undefined);
  return {
    db,
    label: `PostgreSQL ${describeDatabaseUrl(url)}`,
    async counts(): Promise<RowCounts> {
      const { rows } = await pool.query<Record<"generations" | "references" | "links" | "favorites" | "deleted" | "tokens" | "boards" | "items" | "shares", string>>(
        `select (select count(*) from generations) as generations,
                (select count(*) from reference_images) as "references",
                (select count(*) from generation_references) as links,
                (select count(*) from favorites) as favorites,
                (select count(*) from deleted_generations) as deleted,
                (select count(*) from api_tokens) as tokens,
                (select count(*) from boards) as boards,
                (select count(*) from board_items) as items,
                (select count(*) from shares) as shares`,
      );
      return {
        generations: Number(rows[0].generations),
        references: Number(rows[0].references),
        referenceLinks: Number(rows[0].links),
        favorites: Number(rows[0].favorites),
        deletedGenerations: Number(rows[0].deleted),
        apiTokens: Number(rows[0].tokens),
        boards: Number(rows[0].boards),
        boardItems: Number(rows[0].items),
        shares: Number(rows[0].shares),
      };
    },
    async settings(): Promise<SettingRecord[]> {
      const { rows } = await pool.query<{ key: string; value: string; created_at: string }>(
        "select key, value, created_at from studio_settings order by key collate \"C\"",
      );
      return rows.map((row) => ({ key: row.key, value: row.value, createdAt: Number(row.created_at) }));
    },
    async insertDeletedGenerations(records) {
      if (records.length === 0) return 0;
      const column = <K extends keyof DeletedRecord>(key: K) => records.map((record) => record[key]);
      // One statement a page, one array per column; a row the target has is left as it is.
      const { rowCount } = await pool.query(
        `insert into deleted_generations (id, created_by, model, image_size, status, created_at, deleted_at, upstream_id, error_code)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::text[], $9::text[])
         on conflict (id) do nothing`,
        [
          column("id"),
          column("createdBy"),
          column("model"),
          column("imageSize"),
          column("status"),
          column("createdAt"),
          column("deletedAt"),
          column("upstreamId"),
          column("errorCode"),
        ],
      );
      return rowCount ?? 0;
    },
    async deletedGenerationsByIds(ids) {
      if (ids.length === 0) return [];
      const { rows } = await pool.query<Omit<DeletedRecord, "createdAt" | "deletedAt"> & { createdAt: string; deletedAt: string }>(
        `select id, created_by as "createdBy", model, image_size as "imageSize", status, created_at as "createdAt", deleted_at as "deletedAt",
                upstream_id as "upstreamId", error_code as "errorCode"
           from deleted_generations where id = any($1::text[])`,
        [ids],
      );
      // bigint columns arrive as strings.
      return rows.map((row) => ({ ...row, createdAt: Number(row.createdAt), deletedAt: Number(row.deletedAt) }));
    },
    async insertBoardItems(records) {
      if (records.length === 0) return 0;
      const column = <K extends keyof BoardItemRecord>(key: K) => records.map((record) => record[key]);
      const { rowCount } = await pool.query(
        `insert into board_items (board_id, generation_id, added_at)
         select * from unnest($1::text[], $2::text[], $3::bigint[])
         on conflict (board_id, generation_id) do nothing`,
        [column("boardId"), column("generationId"), column("addedAt")],
      );
      return rowCount ?? 0;
    },
    async close() {
      await Promise.allSettled([db.close(), pool.end()]);
    },
  };
}

/** A file target on an S3 store, able to list what it holds under its prefix. */
export function s3FileTarget(store: S3Store, settings?: S3Settings): FileTarget {
  const label = settings
    ? describeS3Settings(settings)
    : `s3://${store.prefix ? `${store.bucket}/${store.prefix}` : store.bucket}`;
  return {
    store,
    label,
    async *list() {
      const prefix = store.prefix ? `${store.prefix}/` : "";
      // ListObjects (v1) paged by Marker = the last key seen: every
      // S3-compatible server has it, while some test servers cannot make a v2
      // continuation token (s3rver 3.7 on OpenSSL 3 answers 500 past 1,000 keys).
      let marker: string | undefined;
      for (;;) {
        const page = await store.client.send(
          new ListObjectsCommand({ Bucket: store.bucket, Prefix: prefix || undefined, Marker: marker }),
        );
        const contents = page.Contents ?? [];
        for (const object of contents) {
          if (object.Key) yield { key: object.Key.slice(prefix.length), size: Number(object.Size ?? 0) };
        }
        if (!page.IsTruncated || contents.length === 0) break;
        marker = page.NextMarker ?? contents[contents.length - 1].Key;
      }
    },
  };
}
