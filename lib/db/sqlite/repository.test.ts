import Database from "better-sqlite3";
import { expect } from "vitest";
import { describeStudioDatabaseContract } from "@/lib/db/repository-contract";
import { openTemp } from "./test-helpers";

// Every repository behaviour is the shared contract (lib/db/contract/), run
// here on a file in a temp dir; the concurrency cases open a second connection
// on the same file, standing in for another process. What only SQLite can get
// wrong (WAL, the file, migrations) is in open.test.ts.

describeStudioDatabaseContract("sqlite", {
  kind: "sqlite",
  async open() {
    const { db, file } = openTemp();
    return { db, second: async () => openTemp({ file }).db, deleteUser: async (id) => deleteUser(file, id) };
  },
  expectForeignKeyError(error) {
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/FOREIGN KEY constraint failed/);
  },
});

/** On a connection of its own, with foreign keys on as the adapter has them, so deletes cascade. */
function deleteUser(file: string, id: string): void {
  const sqlite = new Database(file);
  try {
    sqlite.pragma("foreign_keys = ON");
    sqlite.prepare("delete from users where id = ?").run(id);
  } finally {
    sqlite.close();
  }
}
