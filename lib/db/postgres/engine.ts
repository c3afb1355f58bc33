import "server-only";
import type { Pool } from "pg";
import type { CaseFolding, Db } from "./query-parts";

/** What a slice's PostgreSQL implementation closes over: the pool, drizzle on it, and how prompt search folds case. */
export type PostgresEngine = { pool: Pool; db: Db; folding: CaseFolding };
