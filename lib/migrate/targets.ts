import "server-only";
import { ListObjectsCommand } from "@aws-sdk/client-s3";
import { getTableColumns } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import type { PgInsertValue, PgTable } from "drizzle-orm/pg-core";
import pg from "pg";
import { openPostgresDatabase, type StudioDatabase } from "@/lib/db";
import { describeS3Settings, type BlobStore, type S3Settings, type S3Store } from "@/lib/storage";
import { describeDatabaseUrl } from "./redact";
import type { RowSide } from "./source";
import { countQuery as countStatement, inChunks, keyOrder, keysetAfter, matchOf, matching, toCounts, type MigrateTable, type TableRow } from "./tables";

// Where the data goes: a Postgres database for the rows, a blob store (S3 in
// practice) for the files. Either may be absent: that side stays where it is.

// Rows per `in (…)` lookup.
const ROWS_PER_FIND = 1_000;

export interface RowTarget extends RowSide {
  /** The target's rows with the same match (or key) as one of `rows`, in no order. */
  find(table: MigrateTable, rows: readonly TableRow[]): Promise<TableRow[]>;
  /** Adds rows the target lacks (the copy found them missing). */
  insert(table: MigrateTable, rows: readonly TableRow[]): Promise<void>;
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
  const writer = drizzle({ client: pool });
  const countQuery = countStatement("postgres");
  return {
    db,
    label: `PostgreSQL ${describeDatabaseUrl(url)}`,
    async counts() {
      const { rows } = await writer.execute<Record<string, unknown>>(countQuery);
      return toCounts(rows[0]);
    },
    async page(table, after, limit) {
      if (table.through) return table.through.read(db, after, limit);
      const pgTable = table.tables.postgres;
      return writer
        .select()
        .from(pgTable)
        .where(keysetAfter(pgTable, table.key, after))
        .orderBy(...keyOrder(pgTable, table.key))
        .limit(limit);
    },
    async find(table, rows) {
      if (table.through) return table.through.find(db, rows);
      const found: TableRow[] = [];
      await inChunks(rows, ROWS_PER_FIND, async (chunk) => {
        found.push(...(await writer.select().from(table.tables.postgres).where(matching(table.tables.postgres, matchOf(table), chunk))));
      });
      return found;
    },
    async insert(table, rows) {
      if (table.through) return table.through.write(db, rows);
      const pgTable = table.tables.postgres;
      // Well inside PostgreSQL's 65,535 parameters per statement.
      const perStatement = Math.max(1, Math.floor(30_000 / Object.keys(getTableColumns(pgTable)).length));
      await inChunks(rows, perStatement, async (chunk) => {
        await writer.insert(pgTable).values(chunk as PgInsertValue<PgTable>[]);
      });
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
