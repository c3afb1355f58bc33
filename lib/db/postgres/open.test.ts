import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getTableColumns } from "drizzle-orm";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { ACCOUNTS_BEFORE_SSO_SUBJECT, expectAccountsKeptUnlinked } from "@/lib/db/contract/accounts";
import { makeBoard, makeRun, makeShare, makeTemplate, makeUser } from "@/lib/db/shared/test-rows";
import type { GenerationRow } from "@/lib/db/types";
import { openPostgresDatabase } from "@/lib/db/open";
import { defaultPostgresMigrationsFolder, MIGRATION_LOCK_KEY } from "./open";
import { generations } from "./schema";
import { createTestDatabase, makeCompletedRow, makeReference, makeRow, openTemp, rawCount, rawPool, T0, TEST_URL } from "./test-helpers";

type Journal = { entries: { idx: number; when: number; tag: string }[] };
const MIGRATIONS = defaultPostgresMigrationsFolder();
const journal = (): Journal => JSON.parse(fs.readFileSync(path.join(MIGRATIONS, "meta/_journal.json"), "utf8"));

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-pg-"));
  dirs.push(dir);
  return dir;
}

/** A copy of the migrations folder with `extra` migrations after the committed ones (or after the first `count`). */
function migrationsWith(extra: { tag: string; sql: string }[], count = journal().entries.length): string {
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

/** Tables, columns (with types, defaults and collations) and indexes: what a migration could change. */
async function schemaOf(url: string) {
  const pool = rawPool(url);
  const columns = await pool.query(
    `select table_name, column_name, data_type, is_nullable, column_default, collation_name
       from information_schema.columns where table_schema = 'public' order by table_name, column_name`,
  );
  const indexes = await pool.query(`select indexname, indexdef from pg_indexes where schemaname = 'public' order by indexname`);
  return { columns: columns.rows, indexes: indexes.rows };
}

/**
 * Writes generations as an app of the database's schema would: only the
 * columns it has so far (the adapter of today writes columns later migrations add).
 */
async function insertAsOlderApp(url: string, rows: readonly GenerationRow[]): Promise<void> {
  const pool = rawPool(url);
  const { rows: present } = await pool.query<{ column_name: string }>(
    "select column_name from information_schema.columns where table_schema = 'public' and table_name = 'generations'",
  );
  const names = new Set(present.map((c) => c.column_name));
  const columns = Object.entries(getTableColumns(generations)).filter(([, column]) => names.has(column.name));
  const statement = `insert into generations (${columns.map(([, c]) => `"${c.name}"`).join(", ")}) values (${columns.map((_, i) => `$${i + 1}`).join(", ")})`;
  for (const row of rows) {
    await pool.query(
      statement,
      columns.map(([key, column]) => {
        const value = row[key as keyof GenerationRow];
        return value === null || value === undefined ? null : column.mapToDriverValue(value);
      }),
    );
  }
}

function withCredentials(url: string, user: string, password: string, database?: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  if (database) u.pathname = `/${database}`;
  return u.toString();
}

describe("openPostgresDatabase", () => {
  it("applies the migrations to an empty database: every table, index and byte-ordered id", async () => {
    const url = await createTestDatabase();
    const { db } = await openTemp({ url });
    expect(db.kind).toBe("postgres");
    expect(await rawCount(url, "drizzle.__drizzle_migrations")).toBe(journal().entries.length);
    const { columns, indexes } = await schemaOf(url);
    expect(new Set(columns.map((c) => c.table_name))).toEqual(
      new Set([
        "generations",
        "reference_images",
        "generation_references",
        "idempotency_keys",
        "login_failures",
        "poll_leases",
        "users",
        "sessions",
        "favorites",
        "invites",
        "prices",
        "deleted_generations",
        "api_tokens",
        "studio_settings",
        "boards",
        "board_items",
        "shares",
        "upload_days",
        "rate_counters",
        "generation_search",
        "templates",
        "template_references",
        "runs",
      ]),
    );
    expect(indexes.map((i) => i.indexname)).toEqual(
      expect.arrayContaining([
        "generations_status_id_idx",
        "generations_created_by_id_idx",
        "generations_model_id_idx",
        "generations_favorite_id_idx",
        "generations_created_by_status_id_idx",
        "generations_created_by_favorite_id_idx",
        "generations_created_by_created_at_idx",
        "generation_references_reference_id_idx",
        "idempotency_keys_created_at_idx",
        "login_failures_address_at_idx",
        "login_failures_account_address_at_idx",
        "rate_counters_window_start_idx",
        "users_name_idx",
        "sessions_user_id_idx",
        "generations_created_at_idx",
        "favorites_user_id_generation_id_pk",
        "favorites_generation_id_idx",
        "invites_user_id_idx",
        "api_tokens_token_hash_idx",
        "api_tokens_user_id_idx",
        "generations_batch_id_id_idx",
        "boards_owner_id_idx",
        "board_items_board_id_generation_id_pk",
        "board_items_generation_id_idx",
        "shares_token_hash_idx",
        "shares_created_by_idx",
        "shares_generation_id_idx",
        "shares_board_id_idx",
        "generation_search_key_idx",
        "generations_root_id_id_idx",
        "deleted_generations_root_id_idx",
        "generations_updated_at_idx",
        "deleted_generations_deleted_at_idx",
        "templates_owner_id_idx",
        "template_references_template_id_position_pk",
        "template_references_reference_id_idx",
        "generations_template_id_id_idx",
        "generations_run_id_id_idx",
        "runs_created_by_id_idx",
      ]),
    );
    const collated = columns.filter((c) => c.collation_name === "C").map((c) => `${c.table_name}.${c.column_name}`);
    expect(collated.sort()).toEqual([
      "api_tokens.id",
      "api_tokens.token_hash",
      "api_tokens.user_id",
      "board_items.board_id",
      "board_items.generation_id",
      "boards.id",
      "boards.owner_id",
      "deleted_generations.id",
      "deleted_generations.parent_id",
      "deleted_generations.root_id",
      "deleted_generations.template_id",
      "favorites.generation_id",
      "favorites.user_id",
      "generation_references.generation_id",
      "generation_references.reference_id",
      "generation_search.generation_id",
      "generations.batch_id",
      "generations.id",
      "generations.parent_id",
      "generations.root_id",
      "generations.run_id",
      "generations.template_id",
      "invites.id_hash",
      "invites.user_id",
      "poll_leases.generation_id",
      "reference_images.id",
      "runs.id",
      "runs.template_id",
      "sessions.id_hash",
      "sessions.user_id",
      "shares.board_id",
      "shares.created_by",
      "shares.generation_id",
      "shares.id",
      "shares.token_hash",
      "template_references.reference_id",
      "template_references.template_id",
      "templates.id",
      "templates.owner_id",
      "users.id",
    ]);
  });

  it("reopening keeps every row, and migrating again changes nothing", async () => {
    const url = await createTestDatabase();
    const { db } = await openTemp({ url });
    const ref = makeReference();
    await db.insertReference(ref);
    const rows = [makeCompletedRow(), makeRow({ references: [{ kind: "stored", id: ref.id }] })];
    await db.insertGenerations({ rows, idempotency: { key: "k", createdBy: "alice", now: T0, ttlMs: 60_000 } });
    await db.close();
    await db.close();
    const schemaBefore = await schemaOf(url);

    const { db: again } = await openTemp({ url });
    expect(await again.getGenerations(rows.map((r) => r.id))).toEqual(rows);
    expect(await again.getReference(ref.id)).toEqual(ref);
    const retry = await again.insertGenerations({ rows: [makeRow()], idempotency: { key: "k", createdBy: "alice", now: T0 + 1, ttlMs: 60_000 } });
    expect(retry).toEqual({ created: false, rows });
    await again.close();

    expect(await rawCount(url, "drizzle.__drizzle_migrations")).toBe(journal().entries.length);
    expect(await schemaOf(url)).toEqual(schemaBefore);
  });

  it("several instances starting together on an empty database all open, and migrate once", async () => {
    const url = await createTestDatabase();
    const opened = await Promise.all(Array.from({ length: 4 }, () => openTemp({ url })));
    expect(await rawCount(url, "drizzle.__drizzle_migrations")).toBe(journal().entries.length);
    const rows = opened.map(() => makeRow());
    await Promise.all(opened.map(({ db }, i) => db.insertGenerations({ rows: [rows[i]] })));
    expect(await opened[0].db.getGenerations(rows.map((r) => r.id))).toEqual(rows);
  });

  it("waits for the migration lock another instance holds", async () => {
    const url = await createTestDatabase();
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY.toString()]);
      let settled = false;
      const opening = openTemp({ url }).finally(() => {
        settled = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(settled).toBe(false);
      expect(await rawCount(url, "pg_tables where schemaname = 'public'")).toBe(0);
      await holder.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY.toString()]);
      const { db } = await opening;
      expect(await db.countActive()).toBe(0);
    } finally {
      await holder.end();
    }
  });

  it("applies a later migration to a database that has rows, keeping them", async () => {
    const url = await createTestDatabase();
    const { db } = await openTemp({ url });
    const ref = makeReference();
    await db.insertReference(ref);
    const row = makeCompletedRow({ references: [{ kind: "stored", id: ref.id }] });
    await db.insertGenerations({ rows: [row] });
    await db.close();

    const folder = migrationsWith([
      { tag: "9999_note", sql: 'ALTER TABLE "generations" ADD COLUMN "note" text;--> statement-breakpoint\nCREATE INDEX "generations_note_idx" ON "generations" ("note");' },
    ]);
    const { db: upgraded } = await openTemp({ url, migrationsFolder: folder });
    expect(await rawCount(url, "drizzle.__drizzle_migrations")).toBe(journal().entries.length + 1);
    expect(await upgraded.getGeneration(row.id)).toEqual(row);
    expect(await upgraded.deleteGeneration(row.id)).toEqual({ row, orphanedReferences: [ref] });
  });

  it("the accounts migration makes one account per name already in the data", async () => {
    const url = await createTestDatabase();
    const before = journal().entries.findIndex((e) => e.tag.endsWith("_accounts"));
    const { db } = await openTemp({ url, migrationsFolder: migrationsWith([], before) });
    await db.insertReference(makeReference({ createdBy: "carol", createdAt: T0 - 5 }));
    await db.close();
    await insertAsOlderApp(url, [makeRow({ createdBy: "alice", createdAt: T0 + 2 }), makeRow({ createdBy: "alice", createdAt: T0 + 1 }), makeRow({ createdBy: "bob", createdAt: T0 })]);

    await openTemp({ url });
    const { rows } = await rawPool(url).query<{ id: string; name: string; role: string; disabled: boolean; created_at: string; password_hash: string | null }>(
      "select * from users order by name",
    );
    expect(rows.map((r) => [r.name, r.role, r.disabled, Number(r.created_at), r.password_hash])).toEqual([
      ["alice", "member", false, T0 + 1, null],
      ["bob", "member", false, T0, null],
      ["carol", "member", false, T0 - 5, null],
    ]);
    expect(rows.every((r) => /^usr_[0-9A-F]{26}$/.test(r.id))).toBe(true);
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
  });

  it("the team migration makes each star, from before accounts too, a favorite of the picture's creator", async () => {
    const url = await createTestDatabase();
    const before = journal().entries.findIndex((e) => e.tag.endsWith("_accounts"));
    const { db } = await openTemp({ url, migrationsFolder: migrationsWith([], before) });
    const rows = [
      makeRow({ createdBy: "alice", favorite: true, updatedAt: T0 + 7 }),
      makeRow({ createdBy: "alice" }),
      makeRow({ createdBy: "bob", favorite: true, updatedAt: T0 + 9 }),
      makeRow({ createdBy: "carol" }),
    ];
    await db.close();
    await insertAsOlderApp(url, rows);

    const { db: upgraded } = await openTemp({ url });
    const [alice, bob, carol] = await Promise.all(["alice", "bob", "carol"].map(async (name) => (await upgraded.getUserByName(name))!));
    const all = rows.map((r) => r.id);
    expect(await upgraded.favoritesAmong({ userId: alice.id, generationIds: all })).toEqual(new Set([rows[0].id]));
    expect(await upgraded.favoritesAmong({ userId: bob.id, generationIds: all })).toEqual(new Set([rows[2].id]));
    expect(await upgraded.favoritesAmong({ userId: carol.id, generationIds: all })).toEqual(new Set());
    expect((await upgraded.listGenerations({ favoriteOf: alice.id, limit: 10 })).map((r) => r.id)).toEqual([rows[0].id]);
    // Starred when the picture was last changed: the closest the old column can tell.
    const { rows: stars } = await rawPool(url).query<{ generation_id: string; created_at: string }>("select generation_id, created_at from favorites order by created_at");
    expect(stars.map((s) => [s.generation_id, Number(s.created_at)])).toEqual([
      [rows[0].id, T0 + 7],
      [rows[2].id, T0 + 9],
    ]);

    // The new tables are there and work.
    await upgraded.setFavorite({ userId: carol.id, generationId: rows[3].id, favorite: true, now: T0 });
    await upgraded.insertInvite({ idHash: "i_1", userId: carol.id, createdBy: "alice", createdAt: T0, expiresAt: T0 + 10, usedAt: null });
    await upgraded.setPrice({ key: "nano_banana_2", price: 0.04, updatedAt: T0, updatedBy: "alice" });
    expect(await upgraded.takeInvite({ idHash: "i_1", now: T0 + 1 })).toMatchObject({ userId: carol.id, usedAt: T0 + 1 });
    expect(await upgraded.listPrices()).toHaveLength(1);
    expect(await rawCount(url, "deleted_generations")).toBe(0);
    // And the tokens migration's.
    await upgraded.insertApiToken({ id: "tok_1", userId: carol.id, name: "ci", tokenHash: "th_1", createdAt: T0, expiresAt: null, lastUsedAt: null });
    expect((await upgraded.getApiTokenByHash({ tokenHash: "th_1", now: T0 }))?.user.id).toBe(carol.id);
    expect(await upgraded.ensureSetting({ key: "k", candidate: "v", now: T0 })).toBe("v");
  });

  it("the boards migration gives each older picture a batch of its own, and adds the board and share tables empty", async () => {
    const url = await createTestDatabase();
    const before = journal().entries.findIndex((e) => e.tag.endsWith("_boards"));
    const { db } = await openTemp({ url, migrationsFolder: migrationsWith([], before) });
    await db.close();
    const rows = [makeCompletedRow({ createdBy: "alice" }), makeRow({ createdBy: "bob" }), makeRow({ createdBy: "alice", status: "failed" })];
    await insertAsOlderApp(url, rows);

    const { db: upgraded } = await openTemp({ url });
    expect(await upgraded.getGenerations(rows.map((r) => r.id))).toEqual(rows.map((r) => ({ ...r, batchId: r.id })));
    expect(await upgraded.listGenerations({ batch: rows[1].id, limit: 10 })).toEqual([rows[1]]);
    expect(await rawCount(url, "generations where batch_id is null")).toBe(0);
    for (const table of ["boards", "board_items", "shares"]) expect(await rawCount(url, table)).toBe(0);

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

  it("the search migration indexes the pictures already there: a database from before finds them by every word", async () => {
    const url = await createTestDatabase();
    const before = journal().entries.findIndex((e) => e.tag.endsWith("_first_week"));
    const { db } = await openTemp({ url, migrationsFolder: migrationsWith([], before) });
    await db.close();
    const rows = [
      makeCompletedRow({ prompt: "Synthwave sunset over a neon city", createdAt: T0 }),
      makeCompletedRow({ prompt: "一只红色的猫", createdAt: T0 + 1 }),
      makeRow({ prompt: "a sunset at sea", createdAt: T0 + 2 }),
    ];
    await insertAsOlderApp(url, rows);

    const { db: upgraded } = await openTemp({ url });
    const q = async (text: string) => (await upgraded.listGenerations({ q: text, limit: 10 })).map((r) => r.id);
    expect(await q("sunset synthwave")).toEqual([rows[0].id]);
    expect(await q("猫 红色")).toEqual([rows[1].id]);
    // Every picture is in the index, which follows inserts and deletes from now on.
    expect(await rawCount(url, "generation_search")).toBe(3);
    const later = makeRow({ prompt: "synthwave sunset, again", createdAt: T0 + 3 });
    await upgraded.insertGenerations({ rows: [later] });
    expect(await upgraded.deleteGeneration(rows[0].id)).toBeDefined();
    expect(await q("sunset synthwave")).toEqual([later.id]);
    expect(await rawCount(url, "generation_search")).toBe(3);
    // pg_trgm is there, and the search reads its index.
    expect(await rawCount(url, "pg_extension where extname = 'pg_trgm'")).toBe(1);
    expect(await rawCount(url, "pg_indexes where indexname = 'generation_search_key_idx'")).toBe(1);
  });

  it("where pg_trgm cannot be created, the migration still runs and search still answers rightly, without the index", async () => {
    const url = await createTestDatabase();
    // A server where CREATE EXTENSION pg_trgm fails (no contrib package, an
    // older server where only a superuser may, a managed one that refuses it):
    // here a function of one of its names is in the way, which fails it just the same.
    await rawPool(url).query("create function show_trgm(text) returns text[] language sql immutable as 'select array[]::text[]'");
    const { db } = await openTemp({ url });
    expect(await rawCount(url, "pg_extension where extname = 'pg_trgm'")).toBe(0);
    expect(await rawCount(url, "pg_indexes where indexname = 'generation_search_key_idx'")).toBe(0);
    const rows = [makeRow({ prompt: "synthwave sunset", createdAt: T0 }), makeRow({ prompt: "一只红色的猫", createdAt: T0 + 1 })];
    await db.insertGenerations({ rows });
    expect((await db.listGenerations({ q: "sunset synthwave", limit: 10 })).map((r) => r.id)).toEqual([rows[0].id]);
    expect((await db.listGenerations({ q: "红色 猫", limit: 10 })).map((r) => r.id)).toEqual([rows[1].id]);
  });

  it("the edit-threads migration makes every older picture an original, and a delete after it keeps a version's place", async () => {
    const url = await createTestDatabase();
    const before = journal().entries.findIndex((e) => e.tag.endsWith("_edit_threads"));
    const { db } = await openTemp({ url, migrationsFolder: migrationsWith([], before) });
    await db.close();
    const rows = [makeCompletedRow({ createdBy: "alice" }), makeRow({ createdBy: "bob" })];
    await insertAsOlderApp(url, rows);

    const { db: upgraded } = await openTemp({ url });
    expect(await upgraded.getGenerations(rows.map((r) => r.id))).toEqual(rows.map((r) => ({ ...r, rootId: r.id, parentId: null })));
    expect(await rawCount(url, "generations where root_id is null")).toBe(0);
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
    const url = await createTestDatabase();
    const before = journal().entries.findIndex((e) => e.tag.endsWith("_sso_subject"));
    const { db } = await openTemp({ url, migrationsFolder: migrationsWith([], before) });
    await db.close();
    const pool = rawPool(url);
    const insert = "insert into users (id, name, email, role, disabled, created_at) values ($1, $2, $3, $4, false, $5)";
    for (const account of ACCOUNTS_BEFORE_SSO_SUBJECT) await pool.query(insert, [...account]);

    const { db: upgraded } = await openTemp({ url });
    await expectAccountsKeptUnlinked(upgraded);
  });

  it("a failing migration is rolled back whole, and the next start retries it", async () => {
    const url = await createTestDatabase();
    const folder = migrationsWith([{ tag: "9999_broken", sql: 'ALTER TABLE "generations" ADD COLUMN "x" text;--> statement-breakpoint\nSELECT 1/0;' }]);
    await expect(openPostgresDatabase({ url, migrationsFolder: folder })).rejects.toThrow(/migration .* failed: .*division by zero/s);
    // Nothing of it stayed: not even the first migration (one transaction for all).
    expect(await rawCount(url, "pg_tables where schemaname = 'public'")).toBe(0);
    const { db } = await openTemp({ url });
    expect(await db.countActive()).toBe(0);
  });

  it("fails clearly on a missing migrations folder", async () => {
    const url = await createTestDatabase();
    await expect(openPostgresDatabase({ url, migrationsFolder: path.join(tempDir(), "none") })).rejects.toThrow(/_journal/);
  });

  it("an unreachable server fails with its host named and no password", async () => {
    const url = withCredentials("postgres://127.0.0.1:1/studio", "studio", "s3cret-pw");
    const error = await openPostgresDatabase({ url }).then(() => undefined, (e: Error) => e);
    expect(error?.message).toMatch(/^could not reach the PostgreSQL database at 127\.0\.0\.1:1: /);
    expect(error?.message).not.toContain("s3cret-pw");
    expect(JSON.stringify(error)).not.toContain("s3cret-pw");
  });

  it("a wrong password fails as an authentication error, without the password", async () => {
    const u = new URL(TEST_URL);
    const url = withCredentials(TEST_URL, decodeURIComponent(u.username), "wrong-pw-4711");
    const error = await openPostgresDatabase({ url }).then(() => undefined, (e: Error) => e);
    expect(error?.message).toMatch(new RegExp(`^could not authenticate to the PostgreSQL database at ${u.hostname.replace(/\./g, "\\.")}:`));
    expect(error?.message).not.toContain("wrong-pw-4711");
  });

  it("a missing database is named", async () => {
    const u = new URL(TEST_URL);
    u.pathname = "/studio_no_such_db";
    await expect(openPostgresDatabase({ url: u.toString() })).rejects.toThrow(/database "studio_no_such_db" does not exist at /);
  });

  it("the live-gallery migration indexes the newest change: a database from before opens, and the change marker reads it", async () => {
    const url = await createTestDatabase();
    const before = journal().entries.findIndex((e) => e.tag.endsWith("_live_gallery"));
    const { db } = await openTemp({ url, migrationsFolder: migrationsWith([], before) });
    await db.close();
    const rows = [makeCompletedRow({ updatedAt: T0 + 9 }), makeRow({ updatedAt: T0 + 5 })];
    await insertAsOlderApp(url, rows);

    const { db: upgraded } = await openTemp({ url });
    const { indexes } = await schemaOf(url);
    expect(indexes.map((i) => i.indexname)).toEqual(expect.arrayContaining(["generations_updated_at_idx", "deleted_generations_deleted_at_idx"]));
    const alice = makeUser({ name: "alice" });
    await upgraded.insertUser(alice);
    expect(await upgraded.listingChanges({ userId: alice.id })).toEqual({ updated: T0 + 9, deleted: null, stars: { count: 0, newest: null } });
    await upgraded.deleteGeneration(rows[0].id);
    expect(await upgraded.listingChanges({ userId: alice.id })).toMatchObject({ updated: T0 + 5, deleted: expect.any(Number) });
  });

  it("the templates migration adds the tables to a database from before: its pictures and references stay, and a template keeps its upload from the pruner", async () => {
    const url = await createTestDatabase();
    const before = journal().entries.findIndex((e) => e.tag.endsWith("_templates"));
    const { db } = await openTemp({ url, migrationsFolder: migrationsWith([], before) });
    const ref = makeReference({ createdAt: T0 - 10 });
    await db.insertReference(ref);
    await db.close();
    const rows = [makeCompletedRow()];
    await insertAsOlderApp(url, rows);

    const { db: upgraded } = await openTemp({ url });
    expect((await upgraded.getGeneration(rows[0].id))?.id).toBe(rows[0].id);
    const alice = makeUser({ name: "alice" });
    await upgraded.insertUser(alice);
    const template = makeTemplate({ ownerId: alice.id, prompt: "{产品} on {surface}", references: [ref.id] });
    await upgraded.insertTemplate(template);
    expect(await upgraded.listTemplates({ viewerId: alice.id })).toEqual([{ ...template, ownerName: "alice" }]);
    expect(await upgraded.deleteUnlinkedReferences({ createdBefore: T0, limit: 10 })).toEqual([]);
  });

  it("the runs migration upgrades a data dir from before: older pictures come from no template and no run, and a run is stored with its pictures", async () => {
    const url = await createTestDatabase();
    const before = journal().entries.findIndex((e) => e.tag.endsWith("_runs"));
    const { db } = await openTemp({ url, migrationsFolder: migrationsWith([], before) });
    await db.close();
    const rows = [makeCompletedRow()];
    await insertAsOlderApp(url, rows);

    const { db: upgraded } = await openTemp({ url });
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
