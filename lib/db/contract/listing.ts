import { describe, expect, it } from "vitest";
import { makeRow, makeUser, T0 } from "@/lib/db/shared/test-rows";
import type { GenerationRow, UserRow } from "@/lib/db/types";
import { ids, isActiveRow, newestFirst, type ContractOptions } from "./context";

// listGenerations (filters, search, keyset paging), listActive and the counts.

export function describeListing(options: ContractOptions): void {
  const { open } = options;

  async function seeded() {
    const { db } = await open();
    const rows = [
      // Starred in the old shared column only: nobody's favorite any more.
      makeRow({ prompt: "A Red Fox", status: "completed", createdBy: "alice", model: "nano_banana_2", favorite: true }),
      makeRow({ prompt: "red fox 100% sharp", status: "failed", createdBy: "bob", model: "nano_banana_pro" }),
      makeRow({ prompt: "fox_tail close-up", status: "queued", createdBy: "alice" }),
      makeRow({ prompt: "foxtail grass", status: "processing", createdBy: "bob", model: "nano_banana_pro" }),
      makeRow({ prompt: "C:\\photos\\fox", status: "submitting", createdBy: "alice" }),
      makeRow({ prompt: "ÉCLAIR au café", status: "completed", createdBy: "carol" }),
    ];
    await db.insertGenerations({ rows });
    const [alice, bob] = [makeUser({ name: "alice" }), makeUser({ name: "bob" })];
    await db.insertUser(alice);
    await db.insertUser(bob);
    // Stars are per person: alice's are hers, bob's his, one picture starred by both.
    const stars = { [alice.id]: [rows[2], rows[5]], [bob.id]: [rows[3], rows[5]] };
    for (const [userId, starred] of Object.entries(stars)) {
      for (const row of starred) await db.setFavorite({ userId, generationId: row.id, favorite: true, now: T0 });
    }
    const starredBy = (user: UserRow) => (row: GenerationRow) => stars[user.id].includes(row);
    return { db, rows, alice, bob, starredBy };
  }
  const pickFrom = (rows: GenerationRow[]) => (f: (r: GenerationRow) => boolean) => newestFirst(rows.filter(f));

  describe("listGenerations", () => {
    it("lists newest first, limited", async () => {
      const { db, rows } = await seeded();
      expect(ids(await db.listGenerations({ limit: 100 }))).toEqual(newestFirst(rows));
      expect(ids(await db.listGenerations({ limit: 2 }))).toEqual(newestFirst(rows).slice(0, 2));
      expect(ids(await db.listGenerations({ limit: 2.7 }))).toEqual(newestFirst(rows).slice(0, 2));
      expect(await db.listGenerations({ limit: 0 })).toEqual([]);
      expect(await db.listGenerations({ limit: -1 })).toEqual([]);
    });

    it("filters by status, active meaning submitting, queued or processing", async () => {
      const { db, rows } = await seeded();
      const pick = pickFrom(rows);
      expect(ids(await db.listGenerations({ status: "active", limit: 100 }))).toEqual(pick(isActiveRow));
      expect(ids(await db.listGenerations({ status: "completed", limit: 100 }))).toEqual(pick((r) => r.status === "completed"));
      expect(ids(await db.listGenerations({ status: "failed", limit: 100 }))).toEqual(pick((r) => r.status === "failed"));
    });

    it("filters by model, a person's favorites and creator, together or alone", async () => {
      const { db, rows, alice, bob, starredBy } = await seeded();
      const pick = pickFrom(rows);
      expect(ids(await db.listGenerations({ model: "nano_banana_pro", limit: 100 }))).toEqual(pick((r) => r.model === "nano_banana_pro"));
      expect(ids(await db.listGenerations({ favoriteOf: alice.id, limit: 100 }))).toEqual(pick(starredBy(alice)));
      expect(ids(await db.listGenerations({ favoriteOf: bob.id, limit: 100 }))).toEqual(pick(starredBy(bob)));
      expect(ids(await db.listGenerations({ favoriteOf: "usr_nobody", limit: 100 }))).toEqual([]);
      expect(ids(await db.listGenerations({ createdBy: "alice", limit: 100 }))).toEqual(pick((r) => r.createdBy === "alice"));
      expect(ids(await db.listGenerations({ createdBy: "Alice", limit: 100 }))).toEqual([]);
      expect(ids(await db.listGenerations({ createdBy: "bob", favoriteOf: bob.id, status: "active", limit: 100 }))).toEqual([rows[3].id]);
      expect(ids(await db.listGenerations({ createdBy: "bob", favoriteOf: alice.id, limit: 100 }))).toEqual([]);
      expect(ids(await db.listGenerations({ favoriteOf: alice.id, q: "éclair", model: "nano_banana_2", status: "completed", limit: 100 }))).toEqual([rows[5].id]);
      expect(ids(await db.listGenerations({ createdBy: "alice", q: "fox", status: "completed", limit: 100 }))).toEqual([rows[0].id]);
    });

    it("q matches a case-insensitive substring, with %, _ and \\ literal", async () => {
      const { db, rows } = await seeded();
      const q = async (text: string) => ids(await db.listGenerations({ q: text, limit: 100 }));
      expect(await q("RED FOX")).toEqual([rows[1].id, rows[0].id]);
      expect(await q("100%")).toEqual([rows[1].id]);
      expect(await q("%")).toEqual([rows[1].id]);
      expect(await q("fox_tail")).toEqual([rows[2].id]);
      expect(await q("_")).toEqual([rows[2].id]);
      expect(await q("\\photos\\")).toEqual([rows[4].id]);
      expect(await q("\\")).toEqual([rows[4].id]);
      expect(await q("éclair AU CAFÉ")).toEqual([rows[5].id]);
      expect(await q("wolf")).toEqual([]);
      expect(await q("'; drop table generations; --")).toEqual([]);
      // An empty search is no search.
      expect(await q("")).toEqual(newestFirst(rows));
    });

    it("q folds the way JavaScript's toLowerCase does, final sigma included", async () => {
      const { db } = await open();
      const rows = [makeRow({ prompt: "ΟΔΥΣΣΕΥΣ at sea" }), makeRow({ prompt: "Straße nach Köln" })];
      await db.insertGenerations({ rows });
      const q = async (text: string) => ids(await db.listGenerations({ q: text, limit: 100 }));
      expect(await q("οδυσσευς")).toEqual([rows[0].id]);
      expect(await q("Οδυσσευς AT")).toEqual([rows[0].id]);
      expect(await q("KÖLN")).toEqual([rows[1].id]);
      expect(await q("STRASSE")).toEqual([]);
    });

    it("pages with beforeId: every row exactly once, in order, under a filter too", async () => {
      const { db } = await open();
      const rows = Array.from({ length: 53 }, (_, i) =>
        makeRow({ createdAt: T0 + i, status: i % 3 === 0 ? "failed" : "completed", prompt: `picture ${i}` }),
      );
      await db.insertGenerations({ rows });
      for (const filter of [{}, { status: "failed" as const }, { q: "picture 1" }]) {
        const seen: string[] = [];
        let beforeId: string | undefined;
        for (;;) {
          const page = await db.listGenerations({ ...filter, beforeId, limit: 7 });
          if (page.length === 0) break;
          seen.push(...ids(page));
          beforeId = page[page.length - 1].id;
        }
        const all = ids(await db.listGenerations({ ...filter, limit: 1000 }));
        expect(seen).toEqual(all);
        expect(new Set(seen).size).toBe(seen.length);
      }
      expect(await db.listGenerations({ limit: 1000 })).toHaveLength(53);
    });

    it("orders ids byte by byte, whatever the database's locale", async () => {
      const { db } = await open();
      // Under a natural-language collation these would sort b, B, _, a-b… differently.
      const rows = ["gen_B", "gen_a", "gen__", "gen_b", "gen_Z", "gen_0", "gen_a-b", "gen_ab"].map((id) => makeRow({ id }));
      await db.insertGenerations({ rows });
      const bytewise = rows.map((r) => r.id).sort().reverse();
      expect(ids(await db.listGenerations({ limit: 100 }))).toEqual(bytewise);
      expect(ids(await db.listGenerations({ beforeId: "gen_a", limit: 100 }))).toEqual(bytewise.filter((id) => id < "gen_a"));
      expect(ids(await db.listActive({ limit: 100 }))).toEqual([...bytewise].reverse());
    });
  });

  describe("active rows and counts", () => {
    it("listActive is oldest first; countActive optionally per person", async () => {
      const { db, rows } = await seeded();
      const active = rows.filter(isActiveRow);
      expect(ids(await db.listActive({ limit: 100 }))).toEqual(ids(active));
      expect(ids(await db.listActive({ limit: 1 }))).toEqual([active[0].id]);
      expect(await db.listActive({ limit: 0 })).toEqual([]);
      expect(await db.countActive()).toBe(3);
      expect(await db.countActive({})).toBe(3);
      expect(await db.countActive({ createdBy: "alice" })).toBe(2);
      expect(await db.countActive({ createdBy: "nobody" })).toBe(0);
    });

    it("countCreatedSince counts one person's rows from a time on", async () => {
      const { db } = await open();
      await db.insertGenerations({
        rows: [
          makeRow({ createdAt: T0 - 1 }),
          makeRow({ createdAt: T0 }),
          makeRow({ createdAt: T0 + 10 }),
          makeRow({ createdAt: T0 + 10, createdBy: "bob" }),
        ],
      });
      expect(await db.countCreatedSince({ createdBy: "alice", since: T0 })).toBe(2);
      expect(await db.countCreatedSince({ createdBy: "bob", since: T0 })).toBe(1);
      expect(await db.countCreatedSince({ createdBy: "alice", since: T0 + 11 })).toBe(0);
    });

    it("counts answer numbers, on an empty database too", async () => {
      const { db } = await open();
      expect(await db.countActive()).toBe(0);
      expect(await db.countCreatedSince({ createdBy: "alice", since: 0 })).toBe(0);
      expect(await db.countLoginFailures({ address: "10.0.0.1", since: 0 })).toBe(0);
      expect(await db.listActive({ limit: 10 })).toEqual([]);
      expect(await db.listGenerations({ limit: 10 })).toEqual([]);
    });
  });
}
