import "server-only";
import path from "node:path";
import pg from "pg";
import { DrizzleQueryError } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { PostgresEngine } from "./engine";
import type { CaseFolding } from "./query-parts";

export type OpenPostgresOptions = {
  /** postgres://user:password@host:port/database (pg's connection-string options apply). */
  url: string;
  /** Defaults to drizzle/postgres under the working directory: the app runs from the repo root. */
  migrationsFolder?: string;
  /** Connections per process; each instance of the app holds its own pool. Default 10. */
  maxConnections?: number;
  /**
   * Told about a pooled connection that broke while idle (server restart,
   * network cut). The pool has already dropped it and the next query opens a
   * fresh one; without a listener such an error would end the process.
   */
  onConnectionError?: (error: Error) => void;
};

export function defaultPostgresMigrationsFolder(): string {
  return path.join(process.cwd(), "drizzle/postgres");
}

/**
 * Every instance migrates under this advisory lock (a number only this app
 * uses), on the connection that holds it: instances starting together take
 * turns, and all but the first find nothing left to apply.
 */
export const MIGRATION_LOCK_KEY = 7_004_170_115_262_010n;

/**
 * Connects (checking the server answers and accepts the credentials) and
 * brings the schema up to date; lib/db/open.ts joins the slices over what this
 * returns. Throws an Error naming the host that could not be reached or
 * authenticated to, never the password.
 */
export async function openPostgresEngine(options: OpenPostgresOptions): Promise<PostgresEngine> {
  const { url, migrationsFolder = defaultPostgresMigrationsFolder(), maxConnections = 10 } = options;
  const target = describeTarget(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    // An unreachable host fails start-up in seconds instead of hanging it.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: "nano-studio",
  });
  pool.on("error", (error) => options.onConnectionError?.(error));

  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => {});
    throw connectError(target, error);
  }

  try {
    const folding = await migrateLocked(client, migrationsFolder);
    client.release();
    return { pool, db: drizzle({ client: pool }), folding };
  } catch (error) {
    // Destroys the connection rather than pooling it: with it goes any
    // advisory lock or transaction a failure left behind.
    client.release(true);
    await pool.end().catch(() => {});
    throw error;
  }
}

async function migrateLocked(client: pg.PoolClient, migrationsFolder: string): Promise<CaseFolding> {
  await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY.toString()]);
  try {
    await migrate(drizzle({ client }), { migrationsFolder });
  } catch (error) {
    // drizzle's message is the failed statement alone; say what failed and why.
    const cause = error instanceof DrizzleQueryError && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    const what = error instanceof Error ? error.message : String(error);
    throw new Error(`PostgreSQL migration from ${migrationsFolder} failed: ${what}${cause}`, { cause: error });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY.toString()]);
  }
  const { rows } = await client.query<{ icu: boolean }>(
    `select exists (select 1 from pg_collation where collname = 'und-x-icu' and collprovider = 'i')
        and pg_encoding_to_char((select encoding from pg_database where datname = current_database())) = 'UTF8'
        as icu`,
  );
  return rows[0]?.icu ? "icu" : "database";
}

type Target = { host: string; port: string; database: string; user: string; password: string };

function describeTarget(url: string): Target {
  try {
    const parsed = new URL(url);
    return {
      host: parsed.hostname || parsed.searchParams.get("host") || "localhost",
      port: parsed.port || "5432",
      database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "(default)",
      user: decodeURIComponent(parsed.username) || "(default)",
      password: decodeURIComponent(parsed.password),
    };
  } catch {
    return { host: "(unparsable URL)", port: "", database: "", user: "", password: "" };
  }
}

// SQLSTATEs the server answers a refused login with.
const AUTH_FAILURES = new Set(["28P01", "28000"]);
const NO_SUCH_DATABASE = "3D000";

function connectError(target: Target, error: unknown): Error {
  const where = target.port ? `${target.host}:${target.port}` : target.host;
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  const raw = error instanceof Error ? error.message : String(error);
  // pg's messages carry no password; scrub it anyway in case one ever does.
  const detail = target.password ? raw.split(target.password).join("***") : raw;
  let message: string;
  if (AUTH_FAILURES.has(code) || /password|SASL|SCRAM|authentication/i.test(raw)) {
    message = `could not authenticate to the PostgreSQL database at ${where} as user "${target.user}": ${detail}`;
  } else if (code === NO_SUCH_DATABASE) {
    message = `the PostgreSQL database "${target.database}" does not exist at ${where}: ${detail}`;
  } else {
    message = `could not reach the PostgreSQL database at ${where}: ${detail || code || "connection failed"}`;
  }
  return new Error(message);
}
