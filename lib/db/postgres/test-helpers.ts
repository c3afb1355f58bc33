import "server-only";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach } from "vitest";
import type { StudioDatabase } from "@/lib/db/types";
import { openPostgresDatabase } from "@/lib/db/open";
import type { OpenPostgresOptions } from "./open";

// Shared by the PostgreSQL adapter's tests. They need a real server: start one
// with `bash scripts/pg-test-server.sh` (CI does), or point DATABASE_URL_TEST
// at one whose role may CREATE DATABASE. Without one every test fails, loudly.
//
// Each test file gets a database of its own, made from template0 (UTF8, locale
// "C": the strictest one, so nothing passes by leaning on a friendly locale)
// and dropped after the file, so test files running in parallel never meet;
// every test starts on emptied tables. Migration tests take fresh databases.

// The same rows as the SQLite adapter's tests: one behaviour, two engines.
export { makeCompletedRow, makeReference, makeRow, T0 } from "../shared/test-rows";

export const TEST_URL = process.env.DATABASE_URL_TEST ?? "postgres://studio:studio@127.0.0.1:5432/studio_test";

let admin: Promise<pg.Client> | undefined;
let fileDatabase: Promise<{ url: string; pool: pg.Pool }> | undefined;
const databases: string[] = [];
const open: StudioDatabase[] = [];
const pools: pg.Pool[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

afterAll(async () => {
  const shared = await fileDatabase?.catch(() => undefined);
  fileDatabase = undefined;
  await shared?.pool.end();
  if (!admin) return;
  const client = await admin.catch(() => undefined);
  admin = undefined;
  if (!client) return;
  for (const name of databases.splice(0)) {
    // pool.end() resolves before its connections have closed; dropping with
    // force under one that is still open sends it 57P01, which a client with
    // no listener any more raises as an unhandled error. Wait them out first.
    await waitForNoConnections(client, name);
    await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
  }
  await client.end();
});

async function waitForNoConnections(client: pg.Client, database: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const { rows } = await client.query<{ n: string }>(
      "select count(*) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [database],
    );
    if (Number(rows[0].n) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A test's pools and clients must never raise an unhandled error when the server ends a connection. */
function quiet<T extends pg.Pool | pg.Client>(target: T): T {
  (target as pg.Client).on("error", () => {});
  return target;
}

function adminClient(): Promise<pg.Client> {
  admin ??= (async () => {
    const client = quiet(new pg.Client({ connectionString: TEST_URL, connectionTimeoutMillis: 5_000 }));
    try {
      await client.connect();
    } catch (error) {
      const where = new URL(TEST_URL);
      throw new Error(
        `PostgreSQL tests need a server at ${where.hostname}:${where.port || 5432} ` +
          `(DATABASE_URL_TEST): run "bash scripts/pg-test-server.sh" first. ${(error as Error).message}`,
      );
    }
    return client;
  })();
  return admin;
}

/** The URL of a fresh, empty database, dropped after the test file. */
export async function createTestDatabase(): Promise<string> {
  const client = await adminClient();
  const name = `studio_t_${process.pid}_${randomBytes(4).toString("hex")}`;
  try {
    await client.query(`create database ${pg.escapeIdentifier(name)} template template0 encoding 'UTF8' locale 'C'`);
  } catch (error) {
    throw new Error(
      `could not create a test database (the role in DATABASE_URL_TEST needs CREATEDB; ` +
        `scripts/pg-test-server.sh grants it): ${(error as Error).message}`,
    );
  }
  databases.push(name);
  const url = new URL(TEST_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

// Children first. DELETE, not TRUNCATE: on tables this small it is several
// times faster (no new files, no exclusive locks).
const TABLES = [
  "runs",
  "template_references",
  "templates",
  "shares",
  "board_items",
  "boards",
  "favorites",
  "generation_references",
  "generations",
  "reference_images",
  "idempotency_keys",
  "login_failures",
  "sessions",
  "invites",
  "api_tokens",
  "studio_settings",
  "prices",
  "deleted_generations",
  "upload_days",
  "rate_counters",
  "users",
];

/**
 * Opened on this test file's database with every table emptied (or on the URL
 * given, as it is), closed after the test.
 */
export async function openTemp(options: Partial<OpenPostgresOptions> = {}) {
  if (options.url) {
    const db = await openPostgresDatabase({ ...options, url: options.url });
    open.push(db);
    return { db, url: options.url };
  }
  fileDatabase ??= createTestDatabase().then((url) => ({ url, pool: quiet(new pg.Pool({ connectionString: url, max: 1 })) }));
  const { url, pool } = await fileDatabase;
  const db = await openPostgresDatabase({ ...options, url });
  open.push(db);
  await pool.query(TABLES.map((table) => `delete from ${table};`).join(""));
  return { db, url };
}

/** A plain pool on `url` for looking under the adapter, ended after the test. */
export function rawPool(url: string): pg.Pool {
  const pool = quiet(new pg.Pool({ connectionString: url, max: 4 }));
  pools.push(pool);
  return pool;
}

export async function rawCount(url: string, table: string): Promise<number> {
  const { rows } = await rawPool(url).query<{ n: string }>(`select count(*) as n from ${table}`);
  return Number(rows[0].n);
}

/** The SQLSTATE of a driver error (23503: foreign key violation). */
export function sqlState(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}
