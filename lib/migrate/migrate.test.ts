import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetObjectCommand, ListObjectsCommand, S3Client } from "@aws-sdk/client-s3";
import Database from "better-sqlite3";
// @ts-expect-error s3rver 3.7 ships no type declarations
import S3rverUntyped from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, rawCount, rawPool } from "@/lib/db/postgres/test-helpers";
import { createS3Store } from "@/lib/storage";
import { openPostgresTarget, openSource, runCli, runMigration, s3FileTarget, verifyData, type ProgressEvent } from "./index";
import { makeRedactor } from "./redact";
import { seedDataDir, type SeedSummary } from "./seed";

// The data migration against a real PostgreSQL (bash scripts/pg-test-server.sh)
// and an in-process s3rver: a seeded embedded data dir of 1,000 generations is
// copied, verified, interrupted and resumed, copied again, and corrupted.

type S3rverInstance = { run(): Promise<AddressInfo>; close(): Promise<void>; httpServer?: { closeAllConnections?: () => void } };
const S3rver = S3rverUntyped as new (options: Record<string, unknown>) => S3rverInstance;

const BUCKET = "migrate-test";
const S3_SECRET = "s3-secret-never-printed-7f3a";

let server: S3rverInstance;
let serverDir: string;
let endpoint: string;
let client: S3Client;
let workDir: string;
let sourceDir: string;
let seed: SeedSummary;
let sourceFingerprint: string;

// Seeding 1,000 generations (800 tiny pictures, fsynced) takes a few seconds.
beforeAll(async () => {
  serverDir = await mkdtemp(path.join(tmpdir(), "s3rver-migrate-"));
  server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: serverDir, configureBuckets: [{ name: BUCKET }] });
  endpoint = `http://127.0.0.1:${(await server.run()).port}`;
  client = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: S3_SECRET },
  });
  workDir = await mkdtemp(path.join(tmpdir(), "migrate-test-"));
  sourceDir = path.join(workDir, "data");
  seed = await seedDataDir({ dir: sourceDir, generations: 1000 });
  sourceFingerprint = await fingerprint(sourceDir);
});

afterAll(async () => {
  client?.destroy();
  if (server) {
    const closing = server.close();
    server.httpServer?.closeAllConnections?.();
    await closing;
  }
  if (serverDir) await rm(serverDir, { recursive: true, force: true });
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** sha256 of studio.db and of every file under files/, with their names: the source must never change. */
async function fingerprint(dir: string): Promise<string> {
  const hash = createHash("sha256");
  hash.update(await readFile(path.join(dir, "studio.db")));
  const entries = await readdir(path.join(dir, "files"), { recursive: true, withFileTypes: true });
  const names = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
  for (const name of names) hash.update(name).update(await readFile(name));
  return hash.digest("hex");
}

async function openAll(url: string, prefix: string) {
  const source = await openSource(sourceDir);
  const rows = await openPostgresTarget(url);
  const files = s3FileTarget(createS3Store({ bucket: BUCKET, prefix, client }));
  return {
    source,
    rows,
    files,
    async close() {
      await source.close();
      await rows.close();
    },
  };
}

async function migrate(url: string, prefix: string, options: { onProgress?: (e: ProgressEvent) => void; verifyOnly?: boolean } = {}) {
  const sides = await openAll(url, prefix);
  try {
    return await runMigration({ ...sides, ...options });
  } finally {
    await sides.close();
  }
}

/** Every key under prefix/ (ListObjects v1: s3rver cannot page v2 listings past 1,000 keys on OpenSSL 3). */
async function listObjects(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await client.send(new ListObjectsCommand({ Bucket: BUCKET, Prefix: `${prefix}/`, Marker: marker }));
    const contents = page.Contents ?? [];
    for (const o of contents) keys.push(o.Key!.slice(prefix.length + 1));
    if (!page.IsTruncated || contents.length === 0) break;
    marker = contents[contents.length - 1].Key;
  }
  return keys.sort();
}

async function objectSha(key: string): Promise<string> {
  const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return createHash("sha256").update(Buffer.from(await got.Body!.transformToByteArray())).digest("hex");
}

async function targetCounts(url: string) {
  const { rows } = await rawPool(url).query<Record<string, string>>(
    `select (select count(*) from generations) as generations,
            (select count(*) from reference_images) as "references",
            (select count(*) from generation_references) as links,
            (select count(*) from idempotency_keys) as keys,
            (select count(*) from login_failures) as failures,
            (select count(*) from poll_leases) as leases,
            (select count(distinct id) from generations) as distinct_ids,
            (select count(*) from favorites) as favorites,
            (select count(*) from prices) as prices,
            (select count(*) from sessions) as sessions,
            (select count(*) from invites) as invites,
            (select count(*) from deleted_generations) as deleted,
            (select count(*) from api_tokens) as tokens,
            (select count(*) from studio_settings) as settings,
            (select count(*) from boards) as boards,
            (select count(*) from board_items) as items,
            (select count(*) from shares) as shares`,
  );
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
}

function sourceLinkCount(): number {
  const db = new Database(path.join(sourceDir, "studio.db"), { readonly: true });
  try {
    return Number((db.prepare("select count(*) as n from generation_references").get() as { n: number }).n);
  } finally {
    db.close();
  }
}

describe("migrate-data: 1,000 generations into Postgres and S3", () => {
  let url: string;
  const prefix = "full/studio";

  it("copies every row and file, and verify finds them equal", { timeout: 90_000 }, async () => {
    url = await createTestDatabase();
    const run = await migrate(url, prefix);

    expect(run.verify.problems).toEqual([]);
    expect(run.verify.ok).toBe(true);
    expect(run.verify.warnings).toEqual([]);
    const completed = seed.files.filter((k) => k.startsWith("images/")).length;
    expect(completed).toBe(400);
    expect(run.copy!.generations).toEqual({ inserted: 1000, present: 0, total: 1000 });
    // The seed's three accounts, hashes, roles and limits as they were.
    expect(run.copy!.users).toEqual({ inserted: 3, present: 0, total: 3 });
    const { rows: people } = await rawPool(url).query<{ name: string; role: string; password_hash: string | null; daily_limit: number | null }>(
      "select name, role, password_hash, daily_limit from users order by name",
    );
    expect(people.map((p) => [p.name, p.role, p.password_hash !== null, p.daily_limit])).toEqual([
      ["alice", "admin", true, null],
      ["bob", "member", false, 5],
      ["carol", "member", false, null],
    ]);
    expect(run.copy!.references).toEqual({ inserted: seed.references, present: 0, total: seed.references });
    expect(seed.favorites).toBeGreaterThan(100);
    expect(run.copy!.favorites).toEqual({ inserted: seed.favorites, present: 0, total: seed.favorites });
    expect(run.copy!.prices).toEqual({ inserted: seed.prices, present: 0, total: seed.prices });
    expect(run.copy!.deletedGenerations).toEqual({ inserted: seed.deletedGenerations, present: 0, total: seed.deletedGenerations });
    expect(run.copy!.apiTokens).toEqual({ inserted: seed.tokenSecrets.length, present: 0, total: seed.tokenSecrets.length });
    expect(run.copy!.settings).toEqual({ inserted: seed.settings, present: 0, total: seed.settings });
    expect(seed.boardItems).toBe(100 + 67);
    expect(run.copy!.boards).toEqual({ inserted: seed.boards, present: 0, total: seed.boards });
    expect(run.copy!.boardItems).toEqual({ inserted: seed.boardItems, present: 0, total: seed.boardItems });
    expect(run.copy!.shares).toEqual({ inserted: seed.shares, present: 0, total: seed.shares });
    expect(seed.templateReferences).toBe(2);
    expect(run.copy!.templates).toEqual({ inserted: seed.templates, present: 0, total: seed.templates });
    expect(run.copy!.templateReferences).toEqual({ inserted: seed.templateReferences, present: 0, total: seed.templateReferences });
    expect(seed.runs).toBe(1);
    expect(run.copy!.runs).toEqual({ inserted: seed.runs, present: 0, total: seed.runs });
    expect(run.copy!.files.copied).toBe(seed.files.length);
    expect(run.verify.source).toMatchObject({ generations: 1000, references: seed.references, files: seed.files.length });
    expect(run.verify.target.rows).toEqual({
      generations: 1000,
      references: seed.references,
      referenceLinks: sourceLinkCount(),
      favorites: seed.favorites,
      deletedGenerations: seed.deletedGenerations,
      apiTokens: seed.tokenSecrets.length,
      boards: seed.boards,
      boardItems: seed.boardItems,
      shares: seed.shares,
      templates: seed.templates,
      templateReferences: seed.templateReferences,
      runs: seed.runs,
    });
    expect(run.verify.target.files).toEqual({ files: seed.files.length, bytes: run.verify.source.bytes });
    // Edit threads: every parent and tree, the deleted versions' places too, read directly.
    const { rows: links } = await rawPool(url).query<{ edits: string; trees: string; deleted: string }>(
      "select (select count(*) from generations where parent_id is not null) as edits, (select count(distinct root_id) from generations) as trees, (select count(*) from deleted_generations where parent_id is not null) as deleted",
    );
    expect(links[0]).toEqual({ edits: "200", trees: "800", deleted: String(seed.deletedGenerations) });
    // The prompt library: the run's ten pictures, and every picture's template, read directly.
    const { rows: library } = await rawPool(url).query<{ inRun: string; fromTemplates: string; deletedFromTemplates: string; runRows: string }>(
      "select (select count(*) from generations where run_id is not null) as \"inRun\", (select count(*) from generations where template_id is not null) as \"fromTemplates\", (select count(*) from deleted_generations where template_id is not null) as \"deletedFromTemplates\", (select jsonb_array_length(rows_json) from runs) as \"runRows\"",
    );
    expect(library[0]).toEqual({ inRun: "10", fromTemplates: String(seed.fromTemplates), deletedFromTemplates: "1", runRows: 5 });

    // Independently of the tool: the target's tables and bucket, read directly.
    expect(await targetCounts(url)).toEqual({
      generations: 1000,
      references: seed.references,
      links: sourceLinkCount(),
      keys: 0, // idempotency keys, sign-in failures, poll leases, sessions and invites are not copied
      failures: 0,
      leases: 0,
      distinct_ids: 1000,
      favorites: seed.favorites,
      prices: seed.prices,
      sessions: 0,
      invites: 0,
      deleted: seed.deletedGenerations,
      tokens: seed.tokenSecrets.length,
      settings: seed.settings,
      boards: seed.boards,
      items: seed.boardItems,
      shares: seed.shares,
    });
    // A person's token works on the target as the same person; the link-signing key came along.
    const target = await openPostgresTarget(url);
    try {
      for (const { user, secret } of seed.tokenSecrets) {
        const tokenHash = createHash("sha256").update(secret).digest("base64url");
        expect((await target.db.getApiTokenByHash({ tokenHash, now: Date.now() }))?.user.name).toBe(user);
      }
      expect(await target.db.ensureSetting({ key: "seed-link-key", candidate: "a new one", now: Date.now() })).toBe("seed-secret-1750000000000");
      // Boards as each person sees them, with counts, covers and owners; share links by their secrets.
      const source = await openSource(sourceDir);
      try {
        for (const name of ["alice", "bob", "carol"]) {
          const [there, here] = [(await target.db.getUserByName(name))!, (await source.db.getUserByName(name))!];
          const strip = (boards: Awaited<ReturnType<typeof target.db.listBoards>>) => boards.map(({ ownerId: _owner, ...board }) => board);
          expect(strip(await target.db.listBoards({ viewerId: there.id }))).toEqual(strip(await source.db.listBoards({ viewerId: here.id })));
        }
        const coast = (await target.db.listBoards({ viewerId: "usr_nobody" })).find((b) => b.name === "Coast")!;
        expect(coast).toMatchObject({ ownerName: "alice", count: 100 });
        expect(await target.db.listGenerations({ board: coast.id, limit: 500 })).toEqual(await source.db.listGenerations({ board: coast.id, limit: 500 }));
        const live = seed.shareSecrets.map((secret) => createHash("sha256").update(secret).digest("base64url"));
        const found = await Promise.all(live.map((tokenHash) => target.db.getShareByHash({ tokenHash, now: Date.now() })));
        // The expired one stays expired.
        expect(found.map((share) => share !== undefined)).toEqual([true, true, false]);
        expect(found[0]?.boardId).toBe(coast.id);
        // Batches as they were: pairs of pictures asked for together.
        const batch = await target.db.listGenerations({ batch: "bat_seed7", limit: 10 });
        expect(batch.map((r) => r.id)).toEqual([seed.ids[29], seed.ids[28]]);
        expect(batch).toEqual(await source.db.listGenerations({ batch: "bat_seed7", limit: 10 }));
        // Search: the target's index is its own (never copied), filled as the rows
        // arrived: every word in any order, Chinese too, on every picture copied.
        const newest = [...seed.ids].sort().reverse();
        expect((await target.db.listGenerations({ q: "bay 日出 seeded", limit: 500 })).map((r) => r.id)).toEqual(newest.slice(0, 500));
        expect((await target.db.listGenerations({ q: "123: picture", limit: 10 })).map((r) => r.id)).toEqual([seed.ids[123]]);
        expect(await rawCount(url, "generation_search")).toBe(1000);
      } finally {
        await source.close();
      }
    } finally {
      await target.close();
    }
    // Each star is the same person's (by name) on the same picture, at the same time.
    const starsQuery = `select u.name, f.generation_id, f.created_at from favorites f join users u on u.id = f.user_id order by u.name, f.generation_id`;
    const { rows: targetStars } = await rawPool(url).query<{ name: string; generation_id: string; created_at: string }>(starsQuery);
    const liteDb = new Database(path.join(sourceDir, "studio.db"), { readonly: true });
    const sourceStars = liteDb.prepare(starsQuery).all() as { name: string; generation_id: string; created_at: number }[];
    liteDb.close();
    expect(targetStars.map((s) => ({ ...s, created_at: Number(s.created_at) }))).toEqual(sourceStars);
    // What deleted pictures count for, as they were.
    // upstream_id and error_code say whether the gateway took it: what makes it charged.
    const deletedQuery = "select id, created_by, model, image_size, status, created_at, deleted_at, upstream_id, error_code from deleted_generations order by id";
    const { rows: targetDeleted } = await rawPool(url).query<Record<string, unknown>>(deletedQuery);
    const liteDeleted = new Database(path.join(sourceDir, "studio.db"), { readonly: true });
    const sourceDeleted = liteDeleted.prepare(deletedQuery).all();
    liteDeleted.close();
    expect(targetDeleted.map((d) => ({ ...d, created_at: Number(d.created_at), deleted_at: Number(d.deleted_at) }))).toEqual(sourceDeleted);
    expect(await listObjects(prefix)).toEqual([...seed.files].sort());
    const sqlite = new Database(path.join(sourceDir, "studio.db"), { readonly: true });
    try {
      const sample = seed.ids.filter((_, i) => i % 37 === 0 || i === 999);
      const { rows: pgRows } = await rawPool(url).query(
        `select id, prompt, status, progress, created_at, completed_at, image_key, thumb_key, image_bytes, favorite, references_json
           from generations where id = any($1) order by id`,
        [sample],
      );
      expect(pgRows).toHaveLength(sample.length);
      for (const pgRow of pgRows) {
        const lite = sqlite.prepare("select * from generations where id = ?").get(pgRow.id) as Record<string, unknown>;
        expect(pgRow.prompt).toBe(lite.prompt);
        expect(pgRow.status).toBe(lite.status);
        expect(pgRow.progress).toBe(lite.progress);
        expect(Number(pgRow.created_at)).toBe(lite.created_at);
        expect(pgRow.completed_at === null ? null : Number(pgRow.completed_at)).toBe(lite.completed_at);
        expect(pgRow.image_key).toBe(lite.image_key);
        expect(pgRow.thumb_key).toBe(lite.thumb_key);
        expect(pgRow.image_bytes === null ? null : Number(pgRow.image_bytes)).toBe(lite.image_bytes);
        expect(pgRow.favorite).toBe(lite.favorite === 1);
        expect(pgRow.references_json).toEqual(JSON.parse(lite.references_json as string));
        for (const key of [pgRow.image_key, pgRow.thumb_key].filter(Boolean) as string[]) {
          const local = createHash("sha256").update(await readFile(path.join(sourceDir, "files", key))).digest("hex");
          expect(await objectSha(`${prefix}/${key}`)).toBe(local);
        }
      }
      // Listing order (newest first) is the same on both sides.
      const { rows: newest } = await rawPool(url).query(`select id from generations order by id desc limit 50`);
      const liteNewest = sqlite.prepare("select id from generations order by id desc limit 50").pluck().all();
      expect(newest.map((r) => r.id)).toEqual(liteNewest);
    } finally {
      sqlite.close();
    }
    // The source was only read.
    expect(await fingerprint(sourceDir)).toBe(sourceFingerprint);
  });

  it("a second full run copies nothing new and still verifies", { timeout: 90_000 }, async () => {
    const run = await migrate(url, prefix);
    expect(run.verify.problems).toEqual([]);
    expect(run.copy!.generations).toEqual({ inserted: 0, present: 1000, total: 1000 });
    expect(run.copy!.users).toEqual({ inserted: 0, present: 3, total: 3 });
    expect(run.copy!.favorites).toEqual({ inserted: 0, present: seed.favorites, total: seed.favorites });
    expect(run.copy!.prices).toEqual({ inserted: 0, present: seed.prices, total: seed.prices });
    expect(run.copy!.deletedGenerations).toEqual({ inserted: 0, present: seed.deletedGenerations, total: seed.deletedGenerations });
    expect(run.copy!.apiTokens).toEqual({ inserted: 0, present: seed.tokenSecrets.length, total: seed.tokenSecrets.length });
    expect(run.copy!.settings).toEqual({ inserted: 0, present: seed.settings, total: seed.settings });
    expect(run.copy!.boards).toEqual({ inserted: 0, present: seed.boards, total: seed.boards });
    expect(run.copy!.boardItems).toEqual({ inserted: 0, present: seed.boardItems, total: seed.boardItems });
    expect(run.copy!.shares).toEqual({ inserted: 0, present: seed.shares, total: seed.shares });
    expect(run.copy!.references.inserted).toBe(0);
    expect(run.copy!.files).toMatchObject({ copied: 0, present: seed.files.length, bytesCopied: 0 });
    expect(await targetCounts(url)).toMatchObject({ generations: 1000, references: seed.references, links: sourceLinkCount(), favorites: seed.favorites, prices: seed.prices });
    expect((await listObjects(prefix)).length).toBe(seed.files.length);
  });

  it("detects a corrupted file and a changed row, naming each", { timeout: 90_000 }, async () => {
    const store = createS3Store({ bucket: BUCKET, prefix, client });
    const image = seed.files.find((k) => k.startsWith("images/"))!;
    const thumb = seed.files.filter((k) => k.startsWith("thumbs/"))[3];
    const original = await readFile(path.join(sourceDir, "files", image));
    // Same length, other bytes (no size shortcut can hide it), and a shorter thumbnail.
    const flipped = Buffer.from(original);
    flipped[flipped.length - 1] ^= 0xff;
    await store.put({ key: image, bytes: flipped, contentType: "image/png" });
    await store.put({ key: thumb, bytes: Buffer.from("not a webp"), contentType: "image/webp" });
    const changedId = seed.ids[500];
    await rawPool(url).query("update generations set prompt = 'edited behind our back' where id = $1", [changedId]);
    const { rows: renamed } = await rawPool(url).query<{ id: string }>("update boards set name = 'Renamed' where name = 'Coast' returning id");
    // A deleted picture the gateway took, made to look refused (free) in the target.
    const { rows: freed } = await rawPool(url).query<{ id: string }>(
      "update deleted_generations set upstream_id = null where id = (select min(id) from deleted_generations where upstream_id is not null) returning id",
    );

    const sides = await openAll(url, prefix);
    try {
      const result = await verifyData(sides);
      expect(result.ok).toBe(false);
      expect(result.problemCount).toBe(5);
      expect(result.problems).toContainEqual(`board ${renamed[0].id}: name differs (source "Coast", target "Renamed")`);
      expect(result.problems).toContainEqual(`deleted picture ${freed[0].id}: upstreamId differs (source "task_deleted_timeout", target null)`);
      expect(result.problems).toContainEqual(expect.stringMatching(new RegExp(`^file ${image}: sha256 differs`)));
      expect(result.problems).toContainEqual(expect.stringMatching(new RegExp(`^file ${thumb}: sha256 differs .* target [0-9a-f]{12}… 10 B\\)$`)));
      expect(result.problems).toContainEqual(`generation ${changedId}: prompt differs (source ${JSON.stringify(await sourcePrompt(changedId))}, target "edited behind our back")`);
    } finally {
      await sides.close();
    }

  });

  it("resumes after interruptions without duplicating anything", { timeout: 90_000 }, async () => {
    const resumeUrl = await createTestDatabase();
    const resumePrefix = "resume";

    // 1. Stopped after 400 files: the references (13 files) and two pages of
    // 200 generations (160 files each) are in; the third page has some of
    // its files but none of its rows.
    let files = 0;
    const first = migrate(resumeUrl, resumePrefix, {
      onProgress(event) {
        if (event.kind === "file" && event.action === "copied" && ++files === 400) throw new Error("interrupted (files)");
      },
    });
    await expect(first).rejects.toThrow("interrupted (files)");
    const afterFirst = await targetCounts(resumeUrl);
    expect(afterFirst.references).toBe(seed.references);
    expect(afterFirst.generations).toBe(400);
    const objectsAfterFirst = (await listObjects(resumePrefix)).length;
    expect(objectsAfterFirst).toBeGreaterThanOrEqual(400);
    expect(objectsAfterFirst).toBeLessThan(seed.files.length);

    // 2. Stopped after two more pages of rows.
    let pages = 0;
    const second = migrate(resumeUrl, resumePrefix, {
      onProgress(event) {
        if (event.kind === "generations" && event.inserted > 0 && ++pages === 2) throw new Error("interrupted (rows)");
      },
    });
    await expect(second).rejects.toThrow("interrupted (rows)");
    expect((await targetCounts(resumeUrl)).generations).toBe(800);

    // 3. Runs to the end.
    const last = await migrate(resumeUrl, resumePrefix);
    expect(last.verify.problems).toEqual([]);
    expect(last.verify.ok).toBe(true);
    expect(last.copy!.generations).toEqual({ inserted: 200, present: 800, total: 1000 });
    expect(last.copy!.references).toEqual({ inserted: 0, present: seed.references, total: seed.references });
    // Stars and prices come after every generation: none was in before the last run.
    expect(last.copy!.favorites).toEqual({ inserted: seed.favorites, present: 0, total: seed.favorites });
    expect(last.copy!.files.present).toBeGreaterThanOrEqual(objectsAfterFirst);
    expect(last.copy!.files.copied + last.copy!.files.present).toBe(seed.files.length);
    // Exactly the source's counts: nothing twice.
    expect(await targetCounts(resumeUrl)).toEqual({
      generations: 1000,
      references: seed.references,
      links: sourceLinkCount(),
      keys: 0,
      failures: 0,
      leases: 0,
      distinct_ids: 1000,
      favorites: seed.favorites,
      prices: seed.prices,
      sessions: 0,
      invites: 0,
      deleted: seed.deletedGenerations,
      tokens: seed.tokenSecrets.length,
      settings: seed.settings,
      boards: seed.boards,
      items: seed.boardItems,
      shares: seed.shares,
    });
    expect(await listObjects(resumePrefix)).toEqual([...seed.files].sort());
    expect(await fingerprint(sourceDir)).toBe(sourceFingerprint);
  });
});

describe("migrate-data command line", () => {
  let smallDir: string;
  let url: string;
  const env = () => ({
    S3_ENDPOINT: endpoint,
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: S3_SECRET,
    S3_FORCE_PATH_STYLE: "true",
  });
  async function cli(argv: string[], extraEnv: Record<string, string> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { ...env(), ...extraEnv }, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join("\n"), err: err.join("\n"), all: [...out, ...err].join("\n") };
  }

  beforeAll(async () => {
    smallDir = path.join(workDir, "small");
    await seedDataDir({ dir: smallDir, generations: 12, references: 2 });
    url = await createTestDatabase();
  });

  it("copies both sides, prints the report and what it leaves out, never the secrets", async () => {
    const { code, out, all } = await cli(["--from", smallDir, "--to", url, "--storage", `s3://${BUCKET}/cli`]);
    expect(all).not.toContain(S3_SECRET);
    expect(code, all).toBe(0);
    expect(out).toMatch(/generations\s+12\s+12\s+inserted 12, already there 0/);
    expect(out).toMatch(/references\s+3\s+3/);
    expect(out).toMatch(/files\s+13\s+13\s+copied 13/);
    expect(out).toContain("idempotency keys");
    expect(out).toContain("Verified: counts equal");
    // The test role's password is "studio", so every "studio" is masked, even in paths.
    expect(out).toMatch(/PostgreSQL postgres:\/\/\*\*\*@127\.0\.0\.1:5432\//);
    expect(out).not.toContain("studio");
  });

  it("exits 1 naming a corrupted object, with --verify-only", async () => {
    const key = "images/" + (await listObjects("cli")).find((k) => k.startsWith("images/"))!.slice("images/".length);
    await createS3Store({ bucket: BUCKET, prefix: "cli", client }).put({ key, bytes: randomBytes(40), contentType: "image/png" });
    const { code, err, out } = await cli(["--from", smallDir, "--to", url, "--storage", `s3://${BUCKET}/cli`, "--verify-only"]);
    expect(code).toBe(1);
    expect(out).not.toMatch(/copied \d/);
    expect(err).toContain("MISMATCH: 1 difference(s)");
    expect(err).toContain(`file ${key}: sha256 differs`);

    // Running the copy again puts the right bytes back (the sha256 differs).
    const repaired = await cli(["--from", smallDir, "--to", url, "--storage", `s3://${BUCKET}/cli`]);
    expect(repaired.code, repaired.all).toBe(0);
    expect(repaired.out).toMatch(/copied 1 \(.*\), already there 12/);
  });

  it("moves one side alone: only files, or only rows", async () => {
    const filesOnly = await cli(["--from", smallDir, "--storage", `s3://${BUCKET}/files-only`]);
    expect(filesOnly.code, filesOnly.all).toBe(0);
    expect(filesOnly.out).toContain("rows   stay in the SQLite file");
    expect(filesOnly.out).toMatch(/generations\s+12\s+\(kept in SQLite\)/);
    expect((await listObjects("files-only")).length).toBe(13);

    const rowsUrl = await createTestDatabase();
    const rowsOnly = await cli(["--from", smallDir, "--to", rowsUrl]);
    expect(rowsOnly.code, rowsOnly.all).toBe(0);
    expect(rowsOnly.out).toMatch(/files\s+13\s+\(kept in the data dir\)/);
    expect((await targetCounts(rowsUrl)).generations).toBe(12);
  });

  it("a person the target already has (another id, same name) gets their stars there", async () => {
    const rowsUrl = await createTestDatabase();
    const target = await openPostgresTarget(rowsUrl);
    const alice = { id: "usr_TARGETS_OWN_ALICE", name: "alice", email: null, passwordHash: null, role: "member" as const, adminByList: false, disabled: false, dailyLimit: null, maxActive: null, monthlyBudget: null, createdAt: 1, lastSeenAt: null, ssoSubject: null };
    await target.db.insertUser(alice);
    await target.close();

    const { code, out, all } = await cli(["--from", smallDir, "--to", rowsUrl]);
    expect(code, all).toBe(0);
    expect(out).toMatch(/favorites\s+(\d+)\s+\1\s+inserted \1, already there 0/);
    expect(out).toMatch(/prices\s+2\s+inserted 2, already there 0/);
    expect(out).toMatch(/deleted pictures\s+4\s+4\s+inserted 4, already there 0/);
    expect(out).toMatch(/api tokens\s+2\s+2\s+inserted 2, already there 0/);
    expect(out).toMatch(/settings\s+1\s+inserted 1, already there 0/);
    expect(out).not.toContain("seed-secret-");
    const sqlite = new Database(path.join(smallDir, "studio.db"), { readonly: true });
    const alicesInSource = sqlite.prepare("select f.generation_id from favorites f join users u on u.id = f.user_id where u.name = 'alice' order by 1").pluck().all();
    sqlite.close();
    expect(alicesInSource.length).toBeGreaterThan(0);
    const { rows: alicesInTarget } = await rawPool(rowsUrl).query<{ generation_id: string }>(
      "select generation_id from favorites where user_id = $1 order by 1",
      [alice.id],
    );
    expect(alicesInTarget.map((r) => r.generation_id)).toEqual(alicesInSource);
    expect(await rawPool(rowsUrl).query("select 1 from users where name = 'alice'").then((r) => r.rowCount)).toBe(1);
    // alice's token now belongs to the target's alice.
    const { rows: alicesTokens } = await rawPool(rowsUrl).query<{ name: string }>("select name from api_tokens where user_id = $1", [alice.id]);
    expect(alicesTokens.map((r) => r.name)).toEqual(["alice's script"]);
    // So do her board and her share link.
    expect(out).toMatch(/boards\s+3\s+3\s+inserted 3, already there 0/);
    expect(out).toMatch(/board items\s+3\s+3\s+inserted 3, already there 0/);
    expect(out).toMatch(/share links\s+3\s+3\s+inserted 3, already there 0/);
    const { rows: alicesBoards } = await rawPool(rowsUrl).query<{ name: string }>("select name from boards where owner_id = $1", [alice.id]);
    expect(alicesBoards.map((r) => r.name)).toEqual(["Coast"]);
    const { rows: alicesShares } = await rawPool(rowsUrl).query<{ n: string }>("select count(*) as n from shares where created_by = $1", [alice.id]);
    expect(Number(alicesShares[0].n)).toBe(1);
  });

  it("refuses bad input in one line, without echoing secrets", async () => {
    const wrong = new URL(url);
    wrong.password = "pg-password-never-printed-91";
    wrong.hostname = "127.0.0.1";
    wrong.port = "1"; // nothing listens there
    const unreachable = await cli(["--from", smallDir, "--to", wrong.toString()]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.err).toMatch(/^error: could not reach the PostgreSQL database at 127\.0\.0\.1:1/);
    expect(unreachable.all).not.toContain("pg-password-never-printed-91");

    const noDir = await cli(["--from", path.join(workDir, "nope"), "--to", url]);
    expect(noDir.code).toBe(2);
    expect(noDir.err).toMatch(/no (studio|\*\*\*)\.db in/);

    const nothing = await cli(["--from", smallDir]);
    expect(nothing.code).toBe(2);
    expect(nothing.err).toContain("nothing to do");

    const badStorage = await cli(["--from", smallDir, "--storage", "s3://key:secret-in-url@bucket"]);
    expect(badStorage.code).toBe(2);
    expect(badStorage.err).toMatch(/--storage: must not contain credentials/);
    expect(badStorage.all).not.toContain("secret-in-url");

    const missingBucket = await cli(["--from", smallDir, "--storage", "s3://no-such-bucket/x"]);
    expect(missingBucket.code).toBe(2);
    expect(missingBucket.err).toContain('S3 bucket "no-such-bucket" does not exist');
    expect(missingBucket.all).not.toContain(S3_SECRET);
  });

  it("redacts secrets in any form", () => {
    const redact = makeRedactor(["p@ss/word", undefined, ""]);
    expect(redact("postgres://u:p%40ss%2Fword@h/db and p@ss/word")).toBe("postgres://u:***@h/db and ***");
  });
});

async function sourcePrompt(id: string): Promise<string> {
  const db = new Database(path.join(sourceDir, "studio.db"), { readonly: true });
  try {
    return (db.prepare("select prompt from generations where id = ?").get(id) as { prompt: string }).prompt;
  } finally {
    db.close();
  }
}
