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
    return { db, second: async () => openTemp({ file }).db };
  },
  expectForeignKeyError(error) {
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/FOREIGN KEY constraint failed/);
  },
});
