import "server-only";
import { createHash } from "node:crypto";
import { monotonicFactory } from "ulid";
import sharp from "sharp";
import type { GenerationStatus } from "@/lib/contract";
import { FRESH_GENERATION, openSqliteDatabase, type GenerationRow, type ReferenceEntry, type ReferenceRow } from "@/lib/db";
import { createFsStore } from "@/lib/storage";
import { forEachLimit } from "./util";

// Fills an embedded data dir the way the app would (through the SQLite adapter
// and the fs store): for the migration's tests and for trying the command by
// hand. Pictures are real but tiny (a few pixels), so seeding is quick.

export type SeedSummary = {
  generations: number;
  references: number;
  /** Keys of every file written. */
  files: string[];
  ids: string[];
  /** Stars (per person) and prices set in the studio. */
  favorites: number;
  prices: number;
  /** Pictures made and deleted (beyond `generations`): they still count. */
  deletedGenerations: number;
  /** Personal API tokens: the secrets, whose hashes alone are stored. */
  tokenSecrets: { user: string; secret: string }[];
  /** studio_settings rows (the link-signing key). */
  settings: number;
  /** Boards (a team one, a private one, an empty one), the pictures on them, share links. */
  boards: number;
  boardItems: number;
  shares: number;
  /** The secret of each share link, whose hash alone is stored. */
  shareSecrets: string[];
  /** Templates (a team one with two stored references, a private one) and their reference links. */
  templates: number;
  templateReferences: number;
  /** Bulk runs (one, of the team template: five rows of two pictures) and the pictures made from a template. */
  runs: number;
  fromTemplates: number;
};

// Four in ten completed (with pictures), the rest failed or still active.
const STATUSES: GenerationStatus[] = [
  "completed", "failed", "completed", "processing", "completed",
  "queued", "failed", "completed", "submitting", "failed",
];

export async function seedDataDir(input: {
  dir: string;
  generations: number;
  /** Stored references, each shared by several generations (default 12), plus one no generation uses. */
  references?: number;
  /** Base time (Unix ms); generations are one second apart. */
  t0?: number;
}): Promise<SeedSummary> {
  const { dir, generations: count } = input;
  const t0 = input.t0 ?? 1_750_000_000_000;
  const referenceCount = input.references ?? 12;
  const nextUlid = monotonicFactory();
  const db = openSqliteDatabase({ file: `${dir}/studio.db` });
  const store = createFsStore({ root: `${dir}/files` });
  const files: string[] = [];
  try {
    const refs: ReferenceRow[] = [];
    for (let i = 0; i <= referenceCount; i++) {
      const id = `ref_${nextUlid(t0 - 10_000 + i)}`;
      const bytes = await picture(i * 37, 6, "png");
      const ref: ReferenceRow = {
        id,
        storageKey: `references/${id}.png`,
        contentType: "image/png",
        bytes: bytes.length,
        width: 6,
        height: 6,
        createdAt: t0 - 10_000 + i,
        createdBy: i % 2 ? "alice" : "bob",
      };
      await store.put({ key: ref.storageKey, bytes, contentType: ref.contentType });
      files.push(ref.storageKey);
      await db.insertReference(ref);
      // The last one is used by no generation (a create that failed after storing it).
      if (i < referenceCount) refs.push(ref);
    }

    // The templates' ids now: the pictures made from them name them (the rows come first).
    const templateIds = [`tpl_${nextUlid(t0)}`, `tpl_${nextUlid(t0 + 1)}`];
    const runId = `run_${nextUlid(t0)}`;
    const runBatches = Math.min(5, Math.floor(count / 4));
    const rows: GenerationRow[] = [];
    const writes: { key: string; bytes: Buffer; contentType: string }[] = [];
    for (let i = 0; i < count; i++) {
      const at = t0 + i * 1_000;
      const id = `gen_${nextUlid(at)}`;
      const status = STATUSES[i % STATUSES.length];
      const references: ReferenceEntry[] = [];
      if (refs.length > 0 && i % 4 === 0) references.push({ kind: "stored", id: refs[i % refs.length].id });
      if (refs.length > 1 && i % 12 === 0) references.push({ kind: "stored", id: refs[(i + 5) % refs.length].id });
      if (i % 7 === 0) references.push({ kind: "url", url: `https://example.com/ref-${i}.png` });
      const row: GenerationRow = {
        ...FRESH_GENERATION,
        id,
        upstreamId: status === "submitting" ? null : `task_${i}`,
        model: i % 3 === 0 ? "nano_banana_pro-2K" : "nano_banana_2",
        prompt: `seeded picture ${i}: 日出 over the bay, 100% "quoted" ${"·".repeat(i % 5)}`,
        aspectRatio: i % 2 ? "16:9" : "auto",
        imageSize: i % 3 === 0 ? "2K" : null,
        references,
        status,
        progress: status === "completed" ? 100 : status === "processing" ? 33.3 + (i % 10) / 10 : 0,
        errorCode: status === "failed" ? "upstream_error" : null,
        errorMessage: status === "failed" ? `the gateway said no (${i})` : null,
        createdAt: at,
        updatedAt: at + 500,
        submittedAt: status === "submitting" ? null : at + 100,
        completedAt: status === "completed" || status === "failed" ? at + 900 : null,
        lastPolledAt: status === "submitting" ? null : at + 800,
        favorite: i % 9 === 0,
        createdBy: ["alice", "bob", "carol"][i % 3],
        idempotencyKey: i % 8 === 0 ? `key-${i}` : null,
        notFoundCount: i % 13 === 0 ? 1 : 0,
        downloadAttempts: status === "failed" ? 4 : 0,
        // Pictures asked for together share a batch; the rest are batches of their own.
        batchId: i % 4 < 2 ? `bat_seed${Math.floor(i / 4)}` : null,
      };
      // The first batches are a run of the team template; every 10th other picture came from the private one.
      if (i % 4 < 2 && Math.floor(i / 4) < runBatches) Object.assign(row, { runId, templateId: templateIds[0] });
      else if (i % 10 === 3) row.templateId = templateIds[1];
      // Every fifth an edit of a picture three before it: edit threads, branches included.
      if (i % 5 === 4) {
        const parent = rows[i - 3];
        Object.assign(row, { parentId: parent.id, rootId: parent.rootId ?? parent.id });
      }
      if (status === "completed") {
        const png = await picture(i, 5, "png");
        const webp = await picture(i, 2, "webp");
        row.imageKey = `images/${id}.png`;
        row.thumbKey = `thumbs/${id}.webp`;
        row.imageWidth = 5;
        row.imageHeight = 5;
        row.imageBytes = png.length;
        row.imageContentType = "image/png";
        row.thumbBytes = webp.length;
        writes.push({ key: row.imageKey, bytes: png, contentType: "image/png" });
        writes.push({ key: row.thumbKey, bytes: webp, contentType: "image/webp" });
        files.push(row.imageKey, row.thumbKey);
      }
      rows.push(row);
    }
    // Files first, as the app writes them before the row says "completed".
    await forEachLimit(writes, 8, (write) => store.put(write));
    // The newest few through an idempotency key, as the app inserts them; the
    // rest in one go.
    const keyed = rows.slice(-2);
    const run = runBatches > 0
      ? {
          id: runId,
          templateId: templateIds[0],
          createdBy: "alice",
          rows: Array.from({ length: runBatches }, (_, k) => ({ product: `product ${k} 产品`, surface: k % 2 ? "oak" : "marble" })),
          batchIds: Array.from({ length: runBatches }, (_, k) => `bat_seed${k}`),
          createdAt: t0,
        }
      : undefined;
    if (rows.length > keyed.length) await db.insertGenerations({ rows: rows.slice(0, -2), run });
    for (const row of keyed) {
      await db.insertGenerations({
        rows: [row],
        idempotency: { key: `seed-${row.id}`, createdBy: row.createdBy, now: row.createdAt, ttlMs: 86_400_000 },
      });
    }
    await db.recordLoginFailure({ address: "203.0.113.7", at: t0 });
    // One account per person, with a password hash for one of them, as the
    // accounts keep them.
    const userIds = new Map<string, string>();
    for (const [i, name] of ["alice", "bob", "carol"].entries()) {
      const user = await db.ensureUser({
        id: `usr_${nextUlid(t0 + i)}`,
        name,
        email: null,
        passwordHash: name === "alice" ? "$argon2id$v=19$m=19456,p=1,t=2$c2VlZHNhbHQ$seedhash" : null,
        role: name === "alice" ? "admin" : "member",
        adminByList: false,
        disabled: false,
        dailyLimit: name === "bob" ? 5 : null,
        maxActive: null,
        monthlyBudget: null,
        createdAt: t0,
        lastSeenAt: null,
        ssoSubject: null,
      });
      userIds.set(name, user.id);
    }
    // Stars: each creator's own starred pictures (as the team migration moved
    // them), and alice's on some of the others' too.
    let favorites = 0;
    for (const [i, row] of rows.entries()) {
      const fans = [row.favorite ? row.createdBy : undefined, row.createdBy !== "alice" && i % 25 === 0 ? "alice" : undefined];
      for (const fan of fans.filter((name): name is string => name !== undefined)) {
        await db.setFavorite({ userId: userIds.get(fan)!, generationId: row.id, favorite: true, now: row.updatedAt });
        favorites++;
      }
    }
    const prices = [
      { key: "nano_banana_2", price: 0.04 },
      { key: "nano_banana_pro-2K", price: 0.135 },
    ];
    for (const { key, price } of prices) await db.setPrice({ key, price, updatedAt: t0, updatedBy: "alice" });
    // A few pictures deleted since (no files, no stored references), which
    // still count for the usage and budgets: the gateway took all but the
    // refused one (task id and error code say which).
    const outcomes = [
      { status: "failed", upstreamId: "task_deleted_timeout", errorCode: "timeout" },
      { status: "failed", upstreamId: null, errorCode: "submit_invalid" },
      { status: "processing", upstreamId: "task_deleted_busy", errorCode: null },
      { status: "completed", upstreamId: "task_deleted_done", errorCode: null },
    ] as const;
    const deleted = outcomes.map(({ status, upstreamId, errorCode }, i): GenerationRow => ({
      ...FRESH_GENERATION,
      id: `gen_${nextUlid(t0 + count * 1_000 + i)}`,
      model: "nano_banana_2",
      prompt: `deleted picture ${i}`,
      aspectRatio: "auto",
      imageSize: "1K",
      references: [],
      status: status as GenerationStatus,
      upstreamId,
      errorCode,
      createdAt: t0 + count * 1_000 + i,
      updatedAt: t0 + count * 1_000 + i,
      createdBy: "bob",
      templateId: i === 0 ? templateIds[1] : null,
      // A deleted version keeps its place in its tree.
      ...(rows.length > 0 ? { parentId: rows[0].id, rootId: rows[0].rootId ?? rows[0].id } : {}),
    }));
    await db.insertGenerations({ rows: deleted });
    for (const row of deleted) await db.deleteGeneration(row.id);
    // A signed-in browser and an open invite: the copy leaves both behind.
    const week = 7 * 86_400_000;
    await db.insertSession({ idHash: `seed-session-${t0}`, userId: userIds.get("alice")!, createdAt: t0, expiresAt: t0 + week, lastSeenAt: t0, credential: null });
    await db.insertInvite({ idHash: `seed-invite-${t0}`, userId: userIds.get("carol")!, createdBy: "alice", createdAt: t0, expiresAt: t0 + week, usedAt: null });
    // Personal API tokens (one expiring, one not) and the link-signing key: all moved.
    const tokenSecrets = [
      { user: "alice", secret: `nst_seed-alice-${t0}`, expiresAt: null },
      { user: "bob", secret: `nst_seed-bob-${t0}`, expiresAt: t0 + 100 * 365 * 86_400_000 },
    ];
    for (const [i, { user, secret, expiresAt }] of tokenSecrets.entries()) {
      await db.insertApiToken({
        id: `tok_${nextUlid(t0 + i)}`,
        userId: userIds.get(user)!,
        name: `${user}'s script`,
        tokenHash: createHash("sha256").update(secret).digest("base64url"),
        createdAt: t0 + i,
        expiresAt,
        lastUsedAt: i === 0 ? t0 + 60_000 : null,
      });
    }
    await db.ensureSetting({ key: "seed-link-key", candidate: `seed-secret-${t0}`, now: t0 });
    // Boards: alice's for the team with every 10th picture, bob's
    // private one with every 15th, carol's empty one; links to a board and
    // to pictures (one expiring, one expired).
    const boards = [
      { id: `brd_${nextUlid(t0)}`, name: "Coast", visibility: "team" as const, ownerId: userIds.get("alice")!, every: 10 },
      { id: `brd_${nextUlid(t0)}`, name: "Drafts 日本", visibility: "private" as const, ownerId: userIds.get("bob")!, every: 15 },
      { id: `brd_${nextUlid(t0)}`, name: "empty", visibility: "team" as const, ownerId: userIds.get("carol")!, every: 0 },
    ];
    let boardItems = 0;
    for (const [b, { every, ...board }] of boards.entries()) {
      await db.insertBoard({ ...board, createdAt: t0 + b, updatedAt: t0 + 10 + b });
      const on = every ? rows.filter((_, i) => i % every === 0) : [];
      for (const [k, row] of on.entries()) boardItems += await db.addBoardItems({ boardId: board.id, generationIds: [row.id], now: row.createdAt + k });
    }
    const shareSecrets: string[] = [];
    const share = async (target: { generationId: string } | { boardId: string }, by: string, expiresAt: number | null) => {
      const secret = `seed-share-${shareSecrets.length}-${t0}`;
      shareSecrets.push(secret);
      await db.insertShare({
        id: `shr_${nextUlid(t0 + shareSecrets.length)}`,
        tokenHash: createHash("sha256").update(secret).digest("base64url"),
        generationId: null,
        boardId: null,
        ...target,
        createdBy: userIds.get(by)!,
        createdAt: t0 + shareSecrets.length,
        expiresAt,
      });
    };
    await share({ boardId: boards[0].id }, "alice", null);
    if (rows.length > 0) {
      await share({ generationId: rows[rows.length - 1].id }, "bob", t0 + 100 * 365 * 86_400_000);
      await share({ generationId: rows[0].id }, "carol", t0 - 1);
    }
    // Templates: alice's for the team with two stored references, bob's private one.
    const templates = [
      { name: "Product shot", prompt: "product photo of {product} on {surface}", visibility: "team" as const, owner: "alice", references: refs.slice(0, 2).map((r) => r.id) },
      { name: "草稿", prompt: "{产品} 的照片", visibility: "private" as const, owner: "bob", references: [] },
    ];
    for (const [k, { owner, ...template }] of templates.entries()) {
      await db.insertTemplate({
        id: templateIds[k],
        ...template,
        model: "nano_banana_2",
        aspectRatio: "1:1",
        imageSize: k === 0 ? "2K" : null,
        count: k + 1,
        ownerId: userIds.get(owner)!,
        uses: 3 * k,
        createdAt: t0 + k,
        updatedAt: t0 + 20 + k,
      });
    }
    return {
      generations: count,
      references: referenceCount + 1,
      files,
      ids: rows.map((row) => row.id),
      favorites,
      prices: prices.length,
      deletedGenerations: deleted.length,
      tokenSecrets: tokenSecrets.map(({ user, secret }) => ({ user, secret })),
      settings: 1,
      boards: boards.length,
      boardItems,
      shares: shareSecrets.length,
      shareSecrets,
      templates: templates.length,
      templateReferences: templates.reduce((n, t) => n + t.references.length, 0),
      runs: run ? 1 : 0,
      fromTemplates: rows.filter((row) => row.templateId !== null).length,
    };
  } finally {
    await db.close();
  }
}

/** A tiny real picture whose pixels depend on `n`, so no two seeds share bytes. */
async function picture(n: number, size: number, format: "png" | "webp"): Promise<Buffer> {
  const pixels = Buffer.alloc(size * size * 3);
  for (let p = 0; p < pixels.length; p++) pixels[p] = (n * 31 + p * 7 + (n >> 8) * 13) & 0xff;
  // The first pixel spells n, so two seeds never share bytes.
  pixels[0] = n & 0xff;
  pixels[1] = (n >> 8) & 0xff;
  const image = sharp(pixels, { raw: { width: size, height: size, channels: 3 } });
  return format === "png" ? image.png().toBuffer() : image.webp({ lossless: true }).toBuffer();
}
