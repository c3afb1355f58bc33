import "server-only";
import type Database from "better-sqlite3";
import { and, sql, type SQL } from "drizzle-orm";
import { searchKey, searchPlan } from "@/lib/db/shared/search-key";
import { SEARCH_KEY_FUNCTION } from "./casefold";
import { promptContains, type Db } from "./query-parts";
import { generations } from "./schema";

// SQLite's prompt search index: generations_search, an FTS5 table
// with the trigram tokenizer over each prompt's search key
// (lib/db/shared/search-key.ts), one row per generation under the same rowid.
// It is contentless (it keeps only the index, not the keys) and kept in step
// by triggers on generations; drizzle/sqlite/0010_first_week.sql creates it
// and fills it for the rows already there.

/** The triggers of 0010_first_week.sql, as they are written there (open.test.ts checks they match). */
export const SEARCH_TRIGGERS: Record<string, string> = {
  generations_search_insert: `CREATE TRIGGER \`generations_search_insert\` AFTER INSERT ON \`generations\` BEGIN
  INSERT INTO \`generations_search\` (rowid, \`search_key\`) VALUES (new.rowid, ${SEARCH_KEY_FUNCTION}(new.\`prompt\`));
END`,
  generations_search_delete: `CREATE TRIGGER \`generations_search_delete\` AFTER DELETE ON \`generations\` BEGIN
  DELETE FROM \`generations_search\` WHERE rowid = old.rowid;
END`,
  generations_search_update: `CREATE TRIGGER \`generations_search_update\` AFTER UPDATE OF \`prompt\` ON \`generations\` BEGIN
  DELETE FROM \`generations_search\` WHERE rowid = old.rowid;
  INSERT INTO \`generations_search\` (rowid, \`search_key\`) VALUES (new.rowid, ${SEARCH_KEY_FUNCTION}(new.\`prompt\`));
END`,
};

/**
 * Puts the triggers back, and the index in step, when a later migration
 * dropped them: drizzle-kit alters a SQLite table by building a new one and
 * dropping the old, whose triggers go with it, and the copy renumbers its
 * rowids. Run after the migrations, on every open (a look at sqlite_master
 * when nothing is missing).
 */
export function repairSearchIndex(sqlite: Database.Database): void {
  // A data dir opened with migrations from before the index (tests of older schemas) has nothing to repair.
  if (!sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'generations_search'").get()) return;
  const present = new Set(
    sqlite.prepare("select name from sqlite_master where type = 'trigger' and tbl_name = 'generations' and name like 'generations_search_%'").pluck().all() as string[],
  );
  const missing = Object.keys(SEARCH_TRIGGERS).filter((name) => !present.has(name));
  if (missing.length === 0) return;
  sqlite.transaction(() => {
    for (const name of missing) sqlite.exec(SEARCH_TRIGGERS[name]);
    sqlite.exec("insert into generations_search (generations_search) values ('delete-all')");
    sqlite.exec(`insert into generations_search (rowid, search_key) select rowid, ${SEARCH_KEY_FUNCTION}(prompt) from generations`);
  }).immediate();
}

/**
 * Above this many rows matching the indexed words, the index is not read:
 * the words are common, and walking the gallery newest first with the exact
 * check finds a page sooner (at least one row in CANDIDATE_CAP / rows
 * matches) than reading every match and sorting them. Counting up to it costs
 * a bounded read of the index.
 */
export const CANDIDATE_CAP = 1_000;

/**
 * The condition for q: every word a part of the prompt (LIKE, as before) and,
 * with `index` and when the index narrows the words down to at most
 * CANDIDATE_CAP rows, only those rows.
 */
export function promptSearch(db: Db, q: string, options: { index: boolean }): SQL | undefined {
  const { words, indexed, matchesNothing } = searchPlan(q);
  if (matchesNothing) return sql`1 = 0`;
  const exact = words.map((word) => promptContains(word));
  if (!options.index || indexed.length === 0) return and(...exact);
  // Keys hold a-z, 0-9 and spaces only: quoted, each is one FTS5 phrase, whatever was typed.
  const match = indexed.map((word) => `"${searchKey(word)}"`).join(" ");
  const candidates = db.get<{ n: number }>(
    sql`select count(*) as n from (select rowid from generations_search where generations_search match ${match} limit ${CANDIDATE_CAP + 1})`,
  );
  if (candidates.n > CANDIDATE_CAP) return and(...exact);
  return and(sql`${generations}.rowid in (select rowid from generations_search where generations_search match ${match})`, ...exact);
}
