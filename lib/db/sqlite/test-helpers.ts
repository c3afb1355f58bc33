import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import type { StudioDatabase } from "@/lib/db/types";
import { openSqliteDatabase } from "@/lib/db/open";

// Shared by the SQLite adapter's tests: throw-away data dirs closed and removed
// after each test. The rows they write are the engines' common ones.
export { makeCompletedRow, makeReference, makeRow, T0 } from "../shared/test-rows";

const dirs: string[] = [];
const open: StudioDatabase[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-db-"));
  dirs.push(dir);
  return dir;
}

/** Opened on a file in a fresh temp dir (or the file given), closed after the test. */
export function openTemp(options: { file?: string; migrationsFolder?: string } = {}) {
  const file = options.file ?? path.join(tempDir(), "data", "studio.db");
  const db = openSqliteDatabase({ file, migrationsFolder: options.migrationsFolder });
  open.push(db);
  return { db, file };
}
