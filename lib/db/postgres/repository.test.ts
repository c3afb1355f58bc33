import { DrizzleQueryError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { describeStudioDatabaseContract } from "@/lib/db/repository-contract";
import { makeRow, openTemp, rawPool, sqlState, T0 } from "./test-helpers";

// Every repository behaviour is the shared contract (lib/db/contract/), run
// here on this file's test database (locale "C"); the concurrency cases open a
// second adapter with its own pool, standing in for another instance. Below:
// what only PostgreSQL can get wrong. Migrations and connecting are in
// open.test.ts.

function expectForeignKeyError(error: unknown) {
  expect(error).toBeInstanceOf(Error);
  expect(sqlState(error)).toBe("23503");
  expect((error as Error).message).toMatch(/foreign key/);
}

describeStudioDatabaseContract("postgres", {
  kind: "postgres",
  async open() {
    const { db, url } = await openTemp();
    return {
      db,
      second: async () => (await openTemp({ url })).db,
      deleteUser: async (id) => void (await rawPool(url).query("delete from users where id = $1", [id])),
    };
  },
  expectForeignKeyError,
});

describe("PostgreSQL only", () => {
  it("a failed statement throws the driver's error, not drizzle's wrapper with the whole statement", async () => {
    const { db } = await openTemp();
    const rows = Array.from({ length: 500 }, (_, i) => makeRow({ prompt: `${"long prompt ".repeat(50)} ${i}` }));
    rows.push(makeRow({ references: [{ kind: "stored", id: "ref_ghost" }] }));
    const error = await db.insertGenerations({ rows }).then(() => undefined, (e: unknown) => e);
    expectForeignKeyError(error);
    expect(error).not.toBeInstanceOf(DrizzleQueryError);
    expect((error as Error).message.length).toBeLessThan(500);
  });

  it("the limits lock is per person: one person's open insert does not hold up another's", async () => {
    const { db, url } = await openTemp();
    const limits = { since: T0, daily: 10, maxActive: 10 };
    const holder = await rawPool(url).connect();
    try {
      // The same two-key advisory lock the adapter takes for alice's limits.
      await holder.query("begin");
      await holder.query("select pg_advisory_xact_lock(7004170, hashtext('alice'))");
      let alicesDone = false;
      const alices = db.insertGenerations({ rows: [makeRow({ createdBy: "alice" })], limits }).then((r) => {
        alicesDone = true;
        return r;
      });
      const bobs = await db.insertGenerations({ rows: [makeRow({ createdBy: "bob" })], limits });
      expect(bobs.created).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(alicesDone).toBe(false);
      await holder.query("commit");
      expect((await alices).created).toBe(true);
    } finally {
      holder.release();
    }
  });
});
