import { describe, expect, it } from "vitest";
import { makeBoard, makeRow, makeUser, T0 } from "@/lib/db/shared/test-rows";
import type { GenerationRow, ListFilter } from "@/lib/db/types";
import { ids, newestFirst, type ContractOptions } from "./context";

// Prompt search: every word of q, in any order, in any script (CJK
// matched by characters), with what a person types taken literally; the
// index behind it never changes an answer, only its speed. And the ids and
// count of everything a filter matches ("select all N matching").

/** What q means, in plain JavaScript: every whitespace-separated word is a case-insensitive part of the prompt. */
function reference(rows: readonly GenerationRow[], q: string): string[] {
  const words = q.toLowerCase().split(/\s+/u).filter(Boolean);
  return newestFirst(rows.filter((row) => words.every((word) => row.prompt.toLowerCase().includes(word))));
}

const PROMPTS = [
  "Synthwave sunset over a neon city",
  "a sunset at sea, synthwave colours",
  "sunset over the mountains",
  "一只红色的猫在屋顶上",
  "红色的车 and a small 猫",
  "an ox in a field, 4k",
  'sale: 50% off (NEAR) "quoted" * stars_and_underscores',
  "C:\\photos\\fox AND wolf OR NOT bear",
  "ΟΔΥΣΣΕΥΣ at sea, ÉCLAIR au café",
  "a fox_tail close-up",
];

export function describeSearch(options: ContractOptions): void {
  const { open } = options;

  async function seeded() {
    const { db } = await open();
    const rows = PROMPTS.map((prompt, i) => makeRow({ prompt, createdAt: T0 + i }));
    await db.insertGenerations({ rows });
    const q = async (text: string, filter: Omit<ListFilter, "limit" | "q"> = {}) => ids(await db.listGenerations({ ...filter, q: text, limit: 100 }));
    return { db, rows, q };
  }

  describe("listGenerations q: every word, in any order", () => {
    it("finds the words in any order, case-insensitive, and nothing when one word is missing", async () => {
      const { rows, q } = await seeded();
      expect(await q("sunset synthwave")).toEqual([rows[1].id, rows[0].id]);
      expect(await q("synthwave sunset")).toEqual([rows[1].id, rows[0].id]);
      expect(await q("SUNSET   Synthwave")).toEqual([rows[1].id, rows[0].id]);
      expect(await q("neon sunset synthwave")).toEqual([rows[0].id]);
      expect(await q("sunset")).toEqual([rows[2].id, rows[1].id, rows[0].id]);
      expect(await q("sunset wolf")).toEqual([]);
      // A word is a part of the prompt, not only a whole word of it.
      expect(await q("thwave sun")).toEqual([rows[1].id, rows[0].id]);
      expect(await q("sunset sunset sunset")).toEqual([rows[2].id, rows[1].id, rows[0].id]);
    });

    it("matches Chinese by characters: a word inside a longer run, several words, one character", async () => {
      const { rows, q } = await seeded();
      expect(await q("红色")).toEqual([rows[4].id, rows[3].id]);
      expect(await q("猫 红色")).toEqual([rows[4].id, rows[3].id]);
      expect(await q("红色 猫")).toEqual([rows[4].id, rows[3].id]);
      expect(await q("红色的猫")).toEqual([rows[3].id]);
      expect(await q("猫")).toEqual([rows[4].id, rows[3].id]);
      expect(await q("屋顶")).toEqual([rows[3].id]);
      expect(await q("small 猫")).toEqual([rows[4].id]);
      expect(await q("狗")).toEqual([]);
      expect(await q("红 狗")).toEqual([]);
      // An ideographic space separates words too.
      expect(await q("猫\u3000红色")).toEqual([rows[4].id, rows[3].id]);
    });

    it("words of one or two letters match, as parts of words, alone or with longer ones", async () => {
      const { rows, q } = await seeded();
      for (const text of ["ox", "4k", "ox 4k", "a 4k", "4k field", "x", "é", "ox field", "au café", "ΟΔΥΣΣΕΥΣ", "οδυσσευς éclair"]) {
        expect(await q(text), text).toEqual(reference(rows, text));
      }
      expect(await q("ox 4k")).toEqual([rows[5].id]);
      expect(await q("éclair AU")).toEqual([rows[8].id]);
    });

    it("takes what is typed literally: quotes, wildcards and search syntax match themselves and never fail", async () => {
      const { rows, q } = await seeded();
      const typed = [
        '"', '"quoted"', '"quoted', "*", "stars_and", "_", "%", "50%", "50% off", "(NEAR)", "NEAR", "NEAR(sunset synthwave)",
        "AND", "OR", "NOT", "fox AND", "wolf OR bear", "-", "+", ":", "^", "{", "}", "[", "]", "'", "''", "a'b", "\\", "\\photos\\",
        "C:\\photos", "fox_tail", "fox_", "sunset*", "sun*", "col:sunset", "sunset NEAR synthwave", "a\"b", '""', "''; drop table generations; --",
      ];
      for (const text of typed) {
        expect(await q(text), text).toEqual(reference(rows, text));
      }
      // A NUL (which no prompt holds: the studio refuses control characters in prompts) matches nothing.
      expect(await q("sunset \u0000")).toEqual([]);
      expect(await q("a\u0000b")).toEqual([]);
      expect(await q('"quoted"')).toEqual([rows[6].id]);
      expect(await q("(NEAR) 50%")).toEqual([rows[6].id]);
      expect(await q("fox_tail")).toEqual([rows[9].id]);
      expect(await q("fox AND")).toEqual([rows[7].id]);
    });

    it("keeps every other filter", async () => {
      const { db } = await open();
      const [alice, bob] = [makeUser({ name: "alice" }), makeUser({ name: "bob" })];
      await db.insertUser(alice);
      await db.insertUser(bob);
      const rows = [
        makeRow({ prompt: "synthwave sunset, neon", createdBy: "alice", status: "completed", model: "nano_banana_2", batchId: "bat_one" }),
        makeRow({ prompt: "sunset synthwave, chrome", createdBy: "bob", status: "completed", model: "nano_banana_pro", batchId: "bat_one" }),
        makeRow({ prompt: "synthwave at sunset", createdBy: "alice", status: "failed", model: "nano_banana_pro" }),
        makeRow({ prompt: "sunset, synthwave, 红色的猫", createdBy: "bob", status: "queued", model: "nano_banana_2" }),
        makeRow({ prompt: "a quiet morning", createdBy: "alice", status: "completed" }),
      ];
      await db.insertGenerations({ rows });
      await db.setFavorite({ userId: bob.id, generationId: rows[0].id, favorite: true, now: T0 });
      await db.setFavorite({ userId: bob.id, generationId: rows[4].id, favorite: true, now: T0 });
      const board = makeBoard({ ownerId: alice.id });
      await db.insertBoard(board);
      await db.addBoardItems({ boardId: board.id, generationIds: [rows[1].id, rows[2].id, rows[4].id], now: T0 });
      const q = async (filter: Omit<ListFilter, "limit">) => ids(await db.listGenerations({ ...filter, limit: 100 }));
      const words = "sunset synthwave";
      expect(await q({ q: words })).toEqual(newestFirst(rows.slice(0, 4)));
      expect(await q({ q: words, status: "completed" })).toEqual([rows[1].id, rows[0].id]);
      expect(await q({ q: words, status: "active" })).toEqual([rows[3].id]);
      expect(await q({ q: words, model: "nano_banana_pro" })).toEqual([rows[2].id, rows[1].id]);
      expect(await q({ q: words, createdBy: "alice" })).toEqual([rows[2].id, rows[0].id]);
      expect(await q({ q: words, favoriteOf: bob.id })).toEqual([rows[0].id]);
      expect(await q({ q: words, batch: "bat_one" })).toEqual([rows[1].id, rows[0].id]);
      expect(await q({ q: words, board: board.id })).toEqual([rows[2].id, rows[1].id]);
      expect(await q({ q: "猫 sunset", board: board.id })).toEqual([]);
      expect(await q({ q: "猫 sunset" })).toEqual([rows[3].id]);
      expect(await q({ q: words, board: board.id, status: "failed", createdBy: "alice" })).toEqual([rows[2].id]);
    });

    it("pages with beforeId through many matches, every one exactly once, in order", async () => {
      const { db } = await open();
      // More matches than an index may hand over as candidates at once, and a
      // few rows with only one of the words between them.
      const rows = Array.from({ length: 1_300 }, (_, i) =>
        makeRow({ createdAt: T0 + i, prompt: i % 13 === 5 ? `only the ${i} sunset` : `picture ${i} of a synthwave sunset, 红色的猫` }),
      );
      await db.insertGenerations({ rows });
      for (const text of ["sunset synthwave", "猫 红色 picture", "1 picture", "picture 1 synthwave sunset 红色"]) {
        const seen: string[] = [];
        let beforeId: string | undefined;
        for (;;) {
          const page = await db.listGenerations({ q: text, beforeId, limit: 97 });
          if (page.length === 0) break;
          seen.push(...ids(page));
          beforeId = page[page.length - 1].id;
        }
        expect(seen, text).toEqual(reference(rows, text));
      }
      expect(await db.listGenerations({ q: "sunset synthwave", limit: 1_000 })).toHaveLength(1_000);
    });

    it("finds rows inserted, not rows deleted, and a prompt as it is now", async () => {
      const { db, rows, q } = await seeded();
      expect(await q("sunset synthwave")).toEqual([rows[1].id, rows[0].id]);
      expect(await db.deleteGeneration(rows[1].id)).toBeDefined();
      expect(await q("sunset synthwave")).toEqual([rows[0].id]);
      const later = makeRow({ prompt: "synthwave: a SUNSET again", createdAt: T0 + 100 });
      await db.insertGenerations({ rows: [later] });
      expect(await q("sunset synthwave")).toEqual([later.id, rows[0].id]);
      expect(await q("红色 again")).toEqual([]);
    });
  });

  describe("listGenerationIds and countGenerations: all a filter matches", () => {
    it("answers the ids newest first, as many as asked, and counts every match", async () => {
      const { db } = await open();
      const rows = Array.from({ length: 40 }, (_, i) =>
        makeRow({ createdAt: T0 + i, createdBy: i % 2 ? "bob" : "alice", status: i % 5 === 0 ? "failed" : "completed", prompt: i % 4 ? `synthwave sunset ${i}` : `a quiet morning ${i}` }),
      );
      await db.insertGenerations({ rows });
      const matching = rows.filter((r) => r.prompt.startsWith("synthwave"));
      expect(await db.listGenerationIds({ q: "sunset synthwave", limit: 1_000 })).toEqual(newestFirst(matching));
      expect(await db.listGenerationIds({ q: "sunset synthwave", limit: 7 })).toEqual(newestFirst(matching).slice(0, 7));
      const cursor = newestFirst(matching)[6];
      expect(await db.listGenerationIds({ q: "sunset synthwave", beforeId: cursor, limit: 1_000 })).toEqual(newestFirst(matching).slice(7));
      expect(await db.countGenerations({ q: "sunset synthwave" })).toBe(matching.length);
      expect(await db.countGenerations({})).toBe(40);
      const bobsFailed = rows.filter((r) => r.createdBy === "bob" && r.status === "failed");
      expect(await db.listGenerationIds({ createdBy: "bob", status: "failed", limit: 100 })).toEqual(newestFirst(bobsFailed));
      expect(await db.countGenerations({ createdBy: "bob", status: "failed" })).toBe(bobsFailed.length);
      expect(await db.countGenerations({ q: "wolf" })).toBe(0);
      expect(await db.listGenerationIds({ q: "wolf", limit: 10 })).toEqual([]);
      expect(await db.listGenerationIds({ limit: 0 })).toEqual([]);
    });

    it("on a board and with a person's favorites, as the listing reads them", async () => {
      const { db } = await open();
      const alice = makeUser({ name: "alice" });
      await db.insertUser(alice);
      const rows = Array.from({ length: 12 }, (_, i) => makeRow({ createdAt: T0 + i, prompt: i % 3 ? `红色的猫 ${i}` : `a dog ${i}` }));
      await db.insertGenerations({ rows });
      const board = makeBoard({ ownerId: alice.id });
      await db.insertBoard(board);
      const onBoard = rows.filter((_, i) => i % 2 === 0);
      await db.addBoardItems({ boardId: board.id, generationIds: ids(onBoard), now: T0 });
      for (const row of rows.slice(0, 5)) await db.setFavorite({ userId: alice.id, generationId: row.id, favorite: true, now: T0 });
      for (const filter of [{ board: board.id }, { board: board.id, q: "猫" }, { favoriteOf: alice.id, q: "红色" }, { favoriteOf: alice.id }]) {
        const listed = ids(await db.listGenerations({ ...filter, limit: 100 }));
        expect(await db.listGenerationIds({ ...filter, limit: 100 }), JSON.stringify(filter)).toEqual(listed);
        expect(await db.countGenerations(filter), JSON.stringify(filter)).toBe(listed.length);
      }
      expect(await db.countGenerations({ board: board.id, q: "猫" })).toBe(onBoard.filter((r) => r.prompt.includes("猫")).length);
    });
  });
}
