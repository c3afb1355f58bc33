import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { getTableColumns } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it } from "vitest";
import { ACCOUNTS_BEFORE_SSO_SUBJECT, expectAccountsKeptUnlinked } from "@/lib/db/contract/accounts";
import { makeBoard, makeRun, makeShare, makeTemplate, makeUser } from "@/lib/db/shared/test-rows";
import type { GenerationRow } from "@/lib/db/types";
import { openSqliteDatabase } from "@/lib/db/open";
import { registerSqliteFunctions } from "./casefold";
import { defaultSqliteMigrationsFolder } from "./open";
import { generations } from "./schema";
import { SEARCH_TRIGGERS } from "./search-index";
import { makeCompletedRow, makeReference, makeRow, openTemp, tempDir, T0 } from "./test-helpers";

type Journal = { entries: { idx: number; when: number; tag: string }[] };
const MIGRATIONS = defaultSqliteMigrationsFolder();
const journal = (): Journal => JSON.parse(fs.readFileSync(path.join(MIGRATIONS, "meta/_journal.json"), "utf8"));

/** A copy of the migrations folder holding only the first `count` entries (plus any `extra`). */
function migrationsPrefix(count: number, extra: { tag: string; sql: string }[] = []): string {
  const dir = path.join(tempDir(), "migrations");
  fs.mkdirSync(path.join(dir, "meta"), { recursive: true });
  const entries = journal().entries.slice(0, count);
  for (const entry of entries) fs.copyFileSync(path.join(MIGRATIONS, `${entry.tag}.sql`), path.join(dir, `${entry.tag}.sql`));
  let when = entries[entries.length - 1]?.when ?? 0;
  for (const migration of extra) {
    when += 1;
    entries.push({ idx: entries.length, when, tag: migration.tag });
    fs.writeFileSync(path.join(dir, `${migration.tag}.sql`), migration.sql);
  }
  fs.writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify({ ...journal(), entries }));
  return dir;
}

/**
 * Writes generations as an app of the file's schema would: only the columns
 * it has so far (the adapter of today writes columns later migrations add).
 */
function insertAsOlderApp(file: string, rows: readonly GenerationRow[]): void {
  const sqlite = new Database(file);
  // The search triggers (from the search migration on) call the studio's functions.
  registerSqliteFunctions(sqlite);
  try {
    const present = new Set((sqlite.pragma("table_info(generations)") as { name: string }[]).map((c) => c.name));
    const columns = Object.entries(getTableColumns(generations)).filter(([, column]) => present.has(column.name));
    const insert = sqlite.prepare(
      `insert into generations (${columns.map(([, c]) => `"${c.name}"`).join(", ")}) values (${columns.map(() => "?").join(", ")})`,
    );
    for (const row of rows) {
      insert.run(
        columns.map(([key, column]) => {
          const value = row[key as keyof GenerationRow];
          return value === null || value === undefined ? null : column.mapToDriverValue(value);
        }),
      );
    }
  } finally {
    sqlite.close();
  }
}

function rawCount(file: string, table: string): number {
  const sqlite = new Database(file, { readonly: true });
  try {
    return (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

describe("openSqliteDatabase", () => {
  it("creates the folder, turns WAL on and applies the migrations", async () => {
    const { db, file } = openTemp();
    expect(db.kind).toBe("sqlite");
    expect(fs.existsSync(file)).toBe(true);
    const sqlite = new Database(file, { readonly: true });
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    const applied = sqlite.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number };
    sqlite.close();
    expect(applied.n).toBe(journal().entries.length);
  });

  it("works in memory", async () => {
    const db = openSqliteDatabase({ file: ":memory:" });
    const row = makeRow();
    await db.insertGenerations({ rows: [row] });
    expect(await db.getGeneration(row.id)).toEqual(row);
    await db.close();
    await db.close();
  });

  it("fails clearly on a missing migrations folder", () => {
    expect(() => openSqliteDatabase({ file: ":memory:", migrationsFolder: path.join(tempDir(), "none") })).toThrow(/_journal/);
  });

  it("reopening keeps every row, and migrating again changes nothing", async () => {
    const { db, file } = openTemp();
    const ref = makeReference();
    await db.insertReference(ref);
    const rows = [makeCompletedRow(), makeRow({ references: [{ kind: "stored", id: ref.id }] })];
    await db.insertGenerations({ rows, idempotency: { key: "k", createdBy: "alice", now: T0, ttlMs: 60_000 } });
    await db.close();
    const schemaBefore = new Database(file, { readonly: true }).prepare("select sql from sqlite_master order by name").all();

    const { db: again } = openTemp({ file });
    expect(await again.getGenerations(rows.map((r) => r.id))).toEqual(rows);
    expect(await again.getReference(ref.id)).toEqual(ref);
    const retry = await again.insertGenerations({ rows: [makeRow()], idempotency: { key: "k", createdBy: "alice", now: T0 + 1, ttlMs: 60_000 } });
    expect(retry).toEqual({ created: false, rows });
    await again.close();

    expect(rawCount(file, "__drizzle_migrations")).toBe(journal().entries.length);
    expect(new Database(file, { readonly: true }).prepare("select sql from sqlite_master order by name").all()).toEqual(schemaBefore);
  });

  it("a newer app opens a data dir made by the first migration alone, rows intact", async () => {
    // Written with the first migration's columns only, so it keeps meaning the
    // same thing as migrations are added after it.
    const file = path.join(tempDir(), "old", "studio.db");
    fs.mkdirSync(path.dirname(file));
    const old = new Database(file);
    migrate(drizzle({ client: old }), { migrationsFolder: migrationsPrefix(1) });
    old.prepare(
      `insert into reference_images (id, storage_key, content_type, bytes, width, height, created_at, created_by)
       values ('ref_OLD', 'references/ref_OLD.png', 'image/png', 10, 2, 3, ${T0}, 'alice')`,
    ).run();
    const insert = old.prepare(
      `insert into generations (id, model, prompt, aspect_ratio, references_json, status, progress, created_at,
         updated_at, favorite, created_by, not_found_count, download_attempts)
       values (?, 'nano_banana_2', ?, '1:1', ?, ?, 100, ${T0}, ${T0}, 1, 'alice', 0, 0)`,
    );
    insert.run("gen_OLD1", "old one", JSON.stringify([{ kind: "stored", id: "ref_OLD" }]), "completed");
    insert.run("gen_OLD2", "old two", "[]", "queued");
    old.prepare("insert into generation_references (generation_id, reference_id, position) values ('gen_OLD1', 'ref_OLD', 0)").run();
    old.close();

    const { db } = openTemp({ file });
    const [one, two] = await db.getGenerations(["gen_OLD1", "gen_OLD2"]);
    expect(one).toMatchObject({ prompt: "old one", status: "completed", favorite: true, references: [{ kind: "stored", id: "ref_OLD" }] });
    expect(two).toMatchObject({ prompt: "old two", status: "queued", aspectRatio: "1:1", references: [] });
    expect(await db.countActive()).toBe(1);
    expect(rawCount(file, "__drizzle_migrations")).toBe(journal().entries.length);
    const deleted = await db.deleteGeneration("gen_OLD1");
    expect(deleted?.orphanedReferences.map((r) => r.id)).toEqual(["ref_OLD"]);
  });

  it("the accounts migration makes one account per name already in the data", async () => {
    const file = path.join(tempDir(), "old", "studio.db");
    const before = journal().entries.findIndex((e) => e.tag.endsWith("_accounts"));
    const { db } = openTemp({ file, migrationsFolder: migrationsPrefix(before) });
    await db.insertReference(makeReference({ createdBy: "carol", createdAt: T0 - 5 }));
    await db.close();
    insertAsOlderApp(file, [makeRow({ createdBy: "alice", createdAt: T0 + 2 }), makeRow({ createdBy: "alice", createdAt: T0 + 1 }), makeRow({ createdBy: "bob", createdAt: T0 })]);

    const { db: upgraded } = openTemp({ file });
    await upgraded.close();
    const sqlite = new Database(file, { readonly: true });
    const rows = sqlite.prepare("select * from users order by name").all() as { id: string; name: string; role: string; disabled: number; created_at: number; password_hash: string | null }[];
    sqlite.close();
    expect(rows.map((r) => [r.name, r.role, r.disabled, r.created_at, r.password_hash])).toEqual([
      ["alice", "member", 0, T0 + 1, null],
      ["bob", "member", 0, T0, null],
      ["carol", "member", 0, T0 - 5, null],
    ]);
    expect(rows.every((r) => /^usr_[0-9A-F]{26}$/.test(r.id))).toBe(true);
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
  });

  it("the team migration makes each star, from before accounts too, a favorite of the picture's creator", async () => {
    const file = path.join(tempDir(), "old", "studio.db");
    const before = journal().entries.findIndex((e) => e.tag.endsWith("_accounts"));
    const { db } = openTemp({ file, migrationsFolder: migrationsPrefix(before) });
    const rows = [
      makeRow({ createdBy: "alice", favorite: true, updatedAt: T0 + 7 }),
      makeRow({ createdBy: "alice" }),
      makeRow({ createdBy: "bob", favorite: true, updatedAt: T0 + 9 }),
      makeRow({ createdBy: "carol" }),
    ];
    await db.close();
    insertAsOlderApp(file, rows);

    const { db: upgraded } = openTemp({ file });
    const [alice, bob, carol] = await Promise.all(["alice", "bob", "carol"].map(async (name) => (await upgraded.getUserByName(name))!));
    const all = rows.map((r) => r.id);
    expect(await upgraded.favoritesAmong({ userId: alice.id, generationIds: all })).toEqual(new Set([rows[0].id]));
    expect(await upgraded.favoritesAmong({ userId: bob.id, generationIds: all })).toEqual(new Set([rows[2].id]));
    expect(await upgraded.favoritesAmong({ userId: carol.id, generationIds: all })).toEqual(new Set());
    expect((await upgraded.listGenerations({ favoriteOf: alice.id, limit: 10 })).map((r) => r.id)).toEqual([rows[0].id]);
    // Starred when the picture was last changed: the closest the old column can tell.
    const sqlite = new Database(file, { readonly: true });
    const stars = sqlite.prepare("select generation_id, created_at from favorites order by created_at").raw().all();
    const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all();
    const indexes = sqlite.prepare("select name from sqlite_master where type = 'index'").pluck().all();
    sqlite.close();
    expect(stars).toEqual([
      [rows[0].id, T0 + 7],
      [rows[2].id, T0 + 9],
    ]);
    expect(tables).toEqual(expect.arrayContaining(["favorites", "invites", "prices", "deleted_generations", "api_tokens", "studio_settings"]));
    expect(indexes).toEqual(
      expect.arrayContaining(["generations_created_at_idx", "favorites_generation_id_idx", "invites_user_id_idx", "api_tokens_token_hash_idx", "api_tokens_user_id_idx"]),
    );

    // The new tables work.
    await upgraded.setFavorite({ userId: carol.id, generationId: rows[3].id, favorite: true, now: T0 });
    await upgraded.insertInvite({ idHash: "i_1", userId: carol.id, createdBy: "alice", createdAt: T0, expiresAt: T0 + 10, usedAt: null });
    await upgraded.setPrice({ key: "nano_banana_2", price: 0.04, updatedAt: T0, updatedBy: "alice" });
    expect(await upgraded.takeInvite({ idHash: "i_1", now: T0 + 1 })).toMatchObject({ userId: carol.id, usedAt: T0 + 1 });
    expect(await upgraded.listPrices()).toHaveLength(1);
    await upgraded.insertApiToken({ id: "tok_1", userId: carol.id, name: "ci", tokenHash: "th_1", createdAt: T0, expiresAt: null, lastUsedAt: null });
    expect((await upgraded.getApiTokenByHash({ tokenHash: "th_1", now: T0 }))?.user.id).toBe(carol.id);
    expect(await upgraded.ensureSetting({ key: "k", candidate: "v", now: T0 })).toBe("v");
  });

  it("the boards migration gives each older picture a batch of its own, and adds the board and share tables empty", async () => {
    const file = path.join(tempDir(), "old", "studio.db");
    const before = journal().entries.findIndex((e) => e.tag.endsWith("_boards"));
    const { db } = openTemp({ file, migrationsFolder: migrationsPrefix(before) });
    await db.close();
    const rows = [makeCompletedRow({ createdBy: "alice" }), makeRow({ createdBy: "bob" }), makeRow({ createdBy: "alice", status: "failed" })];
    insertAsOlderApp(file, rows);

    const { db: upgraded } = openTemp({ file });
    expect(await upgraded.getGenerations(rows.map((r) => r.id))).toEqual(rows.map((r) => ({ ...r, batchId: r.id })));
    expect(await upgraded.listGenerations({ batch: rows[1].id, limit: 10 })).toEqual([rows[1]]);
    for (const table of ["boards", "board_items", "shares"]) expect(rawCount(file, table)).toBe(0);
    const sqlite = new Database(file, { readonly: true });
    const indexes = sqlite.prepare("select name from sqlite_master where type = 'index'").pluck().all();
    const nulls = sqlite.prepare("select count(*) from generations where batch_id is null").pluck().get();
    sqlite.close();
    expect(nulls).toBe(0);
    expect(indexes).toEqual(
      expect.arrayContaining(["generations_batch_id_id_idx", "boards_owner_id_idx", "board_items_generation_id_idx", "shares_token_hash_idx", "shares_created_by_idx"]),
    );

    // The new tables work, and a new insert takes the batch it is given.
    const alice = makeUser({ name: "alice" });
    await upgraded.insertUser(alice);
    const board = makeBoard({ ownerId: alice.id });
    await upgraded.insertBoard(board);
    expect(await upgraded.addBoardItems({ boardId: board.id, generationIds: rows.map((r) => r.id), now: T0 })).toBe(3);
    expect((await upgraded.listBoards({ viewerId: alice.id }))[0]).toMatchObject({ id: board.id, count: 3, coverId: rows[0].id });
    const share = makeShare({ createdBy: alice.id, boardId: board.id });
    await upgraded.insertShare(share);
    expect(await upgraded.getShareByHash({ tokenHash: share.tokenHash, now: T0 })).toEqual(share);
    const fresh = makeRow({ batchId: "bat_NEW" });
    await upgraded.insertGenerations({ rows: [fresh] });
    expect((await upgraded.getGeneration(fresh.id))?.batchId).toBe("bat_NEW");
    expect(await upgraded.deleteGeneration(rows[0].id)).toBeDefined();
    expect((await upgraded.listBoards({ viewerId: alice.id }))[0]).toMatchObject({ count: 2, coverId: null });
  });

  it("the edit-threads migration makes every older picture an original, and a delete after it keeps a version's place", async () => {
    const file = path.join(tempDir(), "old", "studio.db");
    const before = journal().entries.findIndex((e) => e.tag.endsWith("_edit_threads"));
    const { db } = openTemp({ file, migrationsFolder: migrationsPrefix(before) });
    await db.close();
    const rows = [makeCompletedRow({ createdBy: "alice" }), makeRow({ createdBy: "bob" })];
    insertAsOlderApp(file, rows);

    const { db: upgraded } = openTemp({ file });
    expect(await upgraded.getGenerations(rows.map((r) => r.id))).toEqual(rows.map((r) => ({ ...r, rootId: r.id, parentId: null })));
    const sqlite = new Database(file, { readonly: true });
    const nulls = sqlite.prepare("select count(*) from generations where root_id is null").pluck().get();
    const indexes = sqlite.prepare("select name from sqlite_master where type = 'index'").pluck().all();
    sqlite.close();
    expect(nulls).toBe(0);
    expect(indexes).toEqual(expect.arrayContaining(["generations_root_id_id_idx", "deleted_generations_root_id_idx"]));
    // An older picture edited, then deleted: the edit keeps its parent, the tree its place.
    const edit = makeRow({ parentId: rows[0].id, rootId: rows[0].id, status: "completed" });
    await upgraded.insertGenerations({ rows: [edit] });
    expect(await upgraded.versionCounts([rows[0].id])).toEqual(new Map([[rows[0].id, 2]]));
    await upgraded.deleteGeneration(rows[0].id);
    const tree = await upgraded.listTree(rows[0].id);
    expect(tree.rows.map((r) => [r.id, r.parentId])).toEqual([[edit.id, rows[0].id]]);
    expect(tree.deleted.map((v) => [v.id, v.parentId])).toEqual([[rows[0].id, null]]);
  });

  it("the OIDC subject migration keeps every account, unlinked, and links one at a time", async () => {
    const file = path.join(tempDir(), "old", "studio.db");
    const before = journal().entries.findIndex((e) => e.tag.endsWith("_sso_subject"));
    const { db } = openTemp({ file, migrationsFolder: migrationsPrefix(before) });
    await db.close();
    const sqlite = new Database(file);
    const insert = sqlite.prepare("insert into users (id, name, email, role, disabled, created_at) values (?, ?, ?, ?, 0, ?)");
    for (const account of ACCOUNTS_BEFORE_SSO_SUBJECT) insert.run(...account);
    sqlite.close();

    const { db: upgraded } = openTemp({ file });
    await expectAccountsKeptUnlinked(upgraded);
  });

  it("the search migration indexes the pictures already there: a data dir from before finds them by every word", async () => {
    const file = path.join(tempDir(), "old", "studio.db");
    const before = journal().entries.findIndex((e) => e.tag.endsWith("_first_week"));
    const { db } = openTemp({ file, migrationsFolder: migrationsPrefix(before) });
    await db.close();
    const rows = [
      makeCompletedRow({ prompt: "Synthwave sunset over a neon city", createdAt: T0 }),
      makeCompletedRow({ prompt: "一只红色的猫", createdAt: T0 + 1 }),
      makeRow({ prompt: "a sunset at sea", createdAt: T0 + 2 }),
    ];
    insertAsOlderApp(file, rows);

    const { db: upgraded } = openTemp({ file });
    const q = async (text: string) => (await upgraded.listGenerations({ q: text, limit: 10 })).map((r) => r.id);
    expect(await q("sunset synthwave")).toEqual([rows[0].id]);
    expect(await q("猫 红色")).toEqual([rows[1].id]);
    // The index holds every picture, and follows inserts and deletes from now on.
    expect(rawCount(file, "generations_search")).toBe(3);
    const later = makeRow({ prompt: "synthwave sunset, again", createdAt: T0 + 3 });
    await upgraded.insertGenerations({ rows: [later] });
    expect(await upgraded.deleteGeneration(rows[0].id)).toBeDefined();
    expect(await q("sunset synthwave")).toEqual([later.id]);
    expect(rawCount(file, "generations_search")).toBe(3);
  });

  it("the search triggers the adapter puts back are the migration's own", () => {
    const { file } = openTemp();
    const sqlite = new Database(file, { readonly: true });
    const triggers = sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' and name like 'generations_search_%'").all() as { name: string; sql: string }[];
    sqlite.close();
    expect(Object.fromEntries(triggers.map((t) => [t.name, t.sql]))).toEqual(SEARCH_TRIGGERS);
  });

  it("a migration that rebuilds a table (as drizzle-kit alters one) keeps the rows that point at it", async () => {
    const { db, file } = openTemp();
    const ref = makeReference();
    await db.insertReference(ref);
    const row = makeRow({ references: [{ kind: "stored", id: ref.id }] });
    await db.insertGenerations({ rows: [row] });
    await db.close();

    // drizzle-kit's recipe: new table, copy, DROP the old, rename, re-index.
    const sqlite = new Database(file, { readonly: true });
    const table = (sqlite.prepare("select sql from sqlite_master where type = 'table' and name = 'generations'").get() as { sql: string }).sql;
    const indexes = sqlite.prepare("select sql from sqlite_master where type = 'index' and tbl_name = 'generations' and sql is not null").all() as { sql: string }[];
    sqlite.close();
    const rebuild = [
      "PRAGMA foreign_keys=OFF;",
      table.replace(/^CREATE TABLE [`"]?generations[`"]?/, "CREATE TABLE `__new_generations`") + ";",
      "INSERT INTO `__new_generations` SELECT * FROM `generations`;",
      "DROP TABLE `generations`;",
      "ALTER TABLE `__new_generations` RENAME TO `generations`;",
      "PRAGMA foreign_keys=ON;",
      ...indexes.map((i) => `${i.sql};`),
    ].join("\n--> statement-breakpoint\n");
    const folder = migrationsPrefix(journal().entries.length, [{ tag: "9999_rebuild_generations", sql: rebuild }]);

    expect(rawCount(file, "generation_references")).toBe(1);
    const { db: upgraded } = openTemp({ file, migrationsFolder: folder });
    expect(rawCount(file, "generation_references")).toBe(1);
    expect(await upgraded.getGeneration(row.id)).toEqual(row);
    // The search index went with the old table's triggers: the adapter puts it back.
    const later = makeRow({ prompt: "a lighthouse at dusk", createdAt: row.createdAt + 1 });
    await upgraded.insertGenerations({ rows: [later] });
    expect((await upgraded.listGenerations({ q: "lighthouse dawn", limit: 10 })).map((r) => r.id)).toEqual([row.id]);
    expect((await upgraded.listGenerations({ q: "lighthouse", limit: 10 })).map((r) => r.id)).toEqual([later.id, row.id]);
    expect(await upgraded.deleteGeneration(later.id)).toBeDefined();
    expect(await upgraded.deleteGeneration(row.id)).toEqual({ row, orphanedReferences: [ref] });
    expect(rawCount(file, "generations_search")).toBe(0);
  });

  it("the live-gallery migration indexes the newest change: a data dir from before opens, and the change marker reads index ends", async () => {
    const file = path.join(tempDir(), "old", "studio.db");
    const before = journal().entries.findIndex((e) => e.tag.endsWith("_live_gallery"));
    const { db } = openTemp({ file, migrationsFolder: migrationsPrefix(before) });
    await db.close();
    const rows = [makeCompletedRow({ updatedAt: T0 + 9 }), makeRow({ updatedAt: T0 + 5 })];
    insertAsOlderApp(file, rows);

    const { db: upgraded } = openTemp({ file });
    const alice = makeUser({ name: "alice" });
    await upgraded.insertUser(alice);
    expect(await upgraded.listingChanges({ userId: alice.id })).toEqual({ updated: T0 + 9, deleted: null, stars: { count: 0, newest: null } });
    await upgraded.deleteGeneration(rows[0].id);
    expect(await upgraded.listingChanges({ userId: alice.id })).toMatchObject({ updated: T0 + 5, deleted: expect.any(Number) });
    // One step at an index's end, whatever the gallery's size: no table scan.
    const sqlite = new Database(file, { readonly: true });
    const plan = (query: string) => (sqlite.prepare(`explain query plan ${query}`).all() as { detail: string }[]).map((r) => r.detail).join("; ");
    const plans = [plan("select max(updated_at) from generations"), plan("select max(deleted_at) from deleted_generations")];
    sqlite.close();
    expect(plans[0]).toMatch(/COVERING INDEX generations_updated_at_idx/);
    expect(plans[1]).toMatch(/COVERING INDEX deleted_generations_deleted_at_idx/);
  });

  it("the templates migration adds the tables to a data dir from before: its pictures and references stay, and a template keeps its upload from the pruner", async () => {
    const file = path.join(tempDir(), "old", "studio.db");
    const before = journal().entries.findIndex((e) => e.tag.endsWith("_templates"));
    const { db } = openTemp({ file, migrationsFolder: migrationsPrefix(before) });
    const ref = makeReference({ createdAt: T0 - 10 });
    await db.insertReference(ref);
    await db.close();
    const rows = [makeCompletedRow()];
    insertAsOlderApp(file, rows);

    const { db: upgraded } = openTemp({ file });
    expect((await upgraded.getGeneration(rows[0].id))?.id).toBe(rows[0].id);
    const alice = makeUser({ name: "alice" });
    await upgraded.insertUser(alice);
    const template = makeTemplate({ ownerId: alice.id, prompt: "{产品} on {surface}", references: [ref.id] });
    await upgraded.insertTemplate(template);
    expect(await upgraded.listTemplates({ viewerId: alice.id })).toEqual([{ ...template, ownerName: "alice" }]);
    expect(await upgraded.deleteUnlinkedReferences({ createdBefore: T0, limit: 10 })).toEqual([]);
  });

  it("the runs migration upgrades a data dir from before: older pictures come from no template and no run, and a run is stored with its pictures", async () => {
    const file = path.join(tempDir(), "old", "studio.db");
    const before = journal().entries.findIndex((e) => e.tag.endsWith("_runs"));
    const { db } = openTemp({ file, migrationsFolder: migrationsPrefix(before) });
    await db.close();
    const rows = [makeCompletedRow()];
    insertAsOlderApp(file, rows);

    const { db: upgraded } = openTemp({ file });
    expect(await upgraded.getGeneration(rows[0].id)).toMatchObject({ id: rows[0].id, templateId: null, runId: null });
    const batchIds = ["bat_01JQ3Z5D1S7ZKW0VGE0BQ8N8R1"];
    const run = makeRun({ templateId: "tpl_01JQ3Z5D1S7ZKW0VGE0BQ8N8R2", batchIds });
    const picture = makeRow({ batchId: batchIds[0], runId: run.id, templateId: run.templateId });
    await upgraded.insertGenerations({ rows: [picture], run });
    expect(await upgraded.getRun(run.id)).toEqual(run);
    expect((await upgraded.listGenerations({ template: run.templateId, limit: 10 })).map((r) => r.id)).toEqual([picture.id]);
    await upgraded.deleteGeneration(rows[0].id);
    expect(await upgraded.getGeneration(rows[0].id)).toBeUndefined();
  });
});
