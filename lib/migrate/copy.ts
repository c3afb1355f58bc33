import "server-only";
import { buffer } from "node:stream/consumers";
import type { GenerationRow, ReferenceRow, StudioDatabase } from "@/lib/db";
import type { BlobStore } from "@/lib/storage";
import type { BoardItemRecord, FavoriteRecord, MigrationSource } from "./source";
import type { FileTarget, RowTarget } from "./targets";
import { contentTypeFor, forEachLimit, hashStream, sha256 } from "./util";

// The copy: accounts, stored references (file, then row), then generations
// page by page, newest first by keyset (file, then rows), so a row in the
// target always has its files and a generation's references; then the stars
// (which need both their person and their picture), what deleted pictures
// still count for, the admins' prices, personal API tokens (their hashes: a
// script's token keeps working on the new instances) and the studio's shared
// settings (the key that signs picture links: links handed out stay valid),
// and boards, the pictures on them and share links (their token hashes: a
// link handed out keeps working).
// Re-running skips what is there: rows whose id (a person's name, a star's
// person and picture, a price's key, a token's id, a setting's key, a board's
// id, a board item's board and picture, a share's id) the target
// already has, files whose key
// the target holds with the same sha256. One file at a time per worker is held
// in memory, never more.

export type ProgressEvent =
  | { kind: "file"; key: string; action: FileAction; bytes: number }
  | { kind: "references"; inserted: number; present: number; done: number; total: number }
  | { kind: "generations"; inserted: number; present: number; done: number; total: number }
  | { kind: "favorites"; inserted: number; present: number; done: number; total: number }
  | { kind: "board items"; inserted: number; present: number; done: number; total: number };

export type FileAction = "copied" | "present" | "missing-in-source";

export type CopyOptions = {
  source: MigrationSource;
  /** Absent: rows stay in the source's SQLite file. */
  rows?: RowTarget;
  /** Absent: files stay in the source's data dir. */
  files?: FileTarget;
  /** Rows per page (default 200). */
  pageSize?: number;
  /** Files copied at once (default 4). */
  concurrency?: number;
  /**
   * Told after every file and every page of rows. Awaited; a throw stops the
   * copy there (what was copied stays copied), which is how tests interrupt it.
   */
  onProgress?: (event: ProgressEvent) => void | Promise<void>;
};

export type CopyStats = {
  /** Accounts (issue 12), matched by name: a rerun finds them present. */
  users: { inserted: number; present: number; total: number };
  references: { inserted: number; present: number; total: number };
  generations: { inserted: number; present: number; total: number };
  /** Per-person stars, matched by the person's name and the picture's id. */
  favorites: { inserted: number; present: number; total: number };
  /** What deleted pictures still count for (usage, budgets), by id. */
  deletedGenerations: { inserted: number; present: number; total: number };
  /** Prices set in the studio; one the target already has for a key is kept as it is. */
  prices: { inserted: number; present: number; total: number };
  /** Personal API tokens (issue 13), by id, given to the person of the same name in the target. */
  apiTokens: { inserted: number; present: number; total: number };
  /** Shared settings, by key; a key the target already has keeps the target's value. */
  settings: { inserted: number; present: number; total: number };
  /** Boards (issue 14), by id, each given to its owner's namesake in the target. */
  boards: { inserted: number; present: number; total: number };
  /** Pictures on boards, by board and picture, with the time each was added. */
  boardItems: { inserted: number; present: number; total: number };
  /** Share links, by id (the token's hash moves: links handed out keep working). */
  shares: { inserted: number; present: number; total: number };
  files: {
    copied: number;
    present: number;
    bytesCopied: number;
    bytesTotal: number;
    /** Files a row names that the source lacks too (the verify step lists them as warnings). */
    missingInSource: number;
  };
};

export async function copyData(options: CopyOptions): Promise<CopyStats> {
  const { source, rows, files, onProgress } = options;
  const pageSize = options.pageSize ?? 200;
  const concurrency = options.concurrency ?? 4;
  const totals = await source.counts();
  const stats: CopyStats = {
    users: { inserted: 0, present: 0, total: 0 },
    references: { inserted: 0, present: 0, total: totals.references },
    generations: { inserted: 0, present: 0, total: totals.generations },
    favorites: { inserted: 0, present: 0, total: totals.favorites },
    deletedGenerations: { inserted: 0, present: 0, total: totals.deletedGenerations },
    prices: { inserted: 0, present: 0, total: 0 },
    apiTokens: { inserted: 0, present: 0, total: totals.apiTokens },
    settings: { inserted: 0, present: 0, total: 0 },
    boards: { inserted: 0, present: 0, total: totals.boards },
    boardItems: { inserted: 0, present: 0, total: totals.boardItems },
    shares: { inserted: 0, present: 0, total: totals.shares },
    files: { copied: 0, present: 0, bytesCopied: 0, bytesTotal: 0, missingInSource: 0 },
  };

  // What the target already holds, when it can say in a few requests: keys
  // not there are put without asking about each (a fresh bucket costs one
  // request per file, not two), and a size that differs needs no download.
  let held: Map<string, number> | undefined;
  if (files?.list) {
    held = new Map();
    for await (const { key, size } of files.list()) held.set(key, size);
  }

  const copyFiles = async (items: { key: string; contentType: string }[]) => {
    if (!files) return;
    await forEachLimit(items, concurrency, async ({ key, contentType }) => {
      const { action, bytes } = await copyFile(source.store, files.store, key, contentType, held);
      if (action === "copied") {
        stats.files.copied++;
        stats.files.bytesCopied += bytes;
      } else if (action === "present") {
        stats.files.present++;
      } else {
        stats.files.missingInSource++;
      }
      stats.files.bytesTotal += bytes;
      await onProgress?.({ kind: "file", key, action, bytes });
    });
  };

  // 0. Accounts, with their ids, roles, limits and password hashes (sessions
  // and invites are not copied: people sign in again on the new instances,
  // and an admin makes new links). A name the target already has keeps the
  // target's account, whose id the stars below are then given.
  const people = await source.db.listUsers();
  stats.users.total = people.length;
  const targetUserIds = new Map<string, string>();
  if (rows) {
    for (const user of people) {
      const there = await rows.db.getUserByName(user.name);
      if (there) stats.users.present++;
      else {
        await rows.db.insertUser(user);
        stats.users.inserted++;
      }
      targetUserIds.set(user.id, there?.id ?? user.id);
    }
  }

  // 1. Stored references, ascending by id: every one, used or not.
  let afterId: string | undefined;
  let referencesDone = 0;
  for (;;) {
    const ids = await source.referenceIds(afterId, pageSize);
    if (ids.length === 0) break;
    afterId = ids[ids.length - 1];
    const refs = (await Promise.all(ids.map((id) => source.db.getReference(id)))).filter(
      (ref): ref is ReferenceRow => ref !== undefined,
    );
    await copyFiles(refs.map((ref) => ({ key: ref.storageKey, contentType: contentTypeFor(ref.storageKey, ref.contentType) })));
    let inserted = 0;
    let present = 0;
    if (rows) {
      await forEachLimit(refs, concurrency, async (ref) => {
        if (await rows.db.getReference(ref.id)) {
          present++;
        } else {
          await rows.db.insertReference(ref);
          inserted++;
        }
      });
      stats.references.inserted += inserted;
      stats.references.present += present;
    }
    referencesDone += refs.length;
    await onProgress?.({ kind: "references", inserted, present, done: referencesDone, total: totals.references });
  }

  // 2. Generations, newest first by keyset, every status.
  let beforeId: string | undefined;
  let generationsDone = 0;
  for (;;) {
    const page: GenerationRow[] = await source.db.listGenerations({ beforeId, limit: pageSize });
    if (page.length === 0) break;
    beforeId = page[page.length - 1].id;
    const pictures: { key: string; contentType: string }[] = [];
    for (const row of page) {
      if (row.imageKey) pictures.push({ key: row.imageKey, contentType: contentTypeFor(row.imageKey, row.imageContentType) });
      if (row.thumbKey) pictures.push({ key: row.thumbKey, contentType: contentTypeFor(row.thumbKey, "image/webp") });
    }
    await copyFiles(pictures);
    let inserted = 0;
    let present = 0;
    if (rows) {
      const there = new Set((await rows.db.getGenerations(page.map((row) => row.id))).map((row) => row.id));
      // Oldest first within the page, as they were created.
      const missing = page.filter((row) => !there.has(row.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      if (missing.length > 0) await rows.db.insertGenerations({ rows: missing });
      inserted = missing.length;
      present = page.length - missing.length;
      stats.generations.inserted += inserted;
      stats.generations.present += present;
    }
    generationsDone += page.length;
    await onProgress?.({ kind: "generations", inserted, present, done: generationsDone, total: totals.generations });
  }

  // 3. Stars, by keyset over (person, picture), each with its own time.
  let afterStar: FavoriteRecord | undefined;
  let favoritesDone = 0;
  for (;;) {
    const stars = await source.favorites(afterStar, pageSize);
    if (stars.length === 0) break;
    afterStar = stars[stars.length - 1];
    const { inserted, present } = rows ? await copyStars(rows.db, stars, targetUserIds) : { inserted: 0, present: 0 };
    stats.favorites.inserted += inserted;
    stats.favorites.present += present;
    favoritesDone += stars.length;
    await onProgress?.({ kind: "favorites", inserted, present, done: favoritesDone, total: totals.favorites });
  }

  // 4. What deleted pictures still count for, by keyset over their ids.
  let afterDeleted: string | undefined;
  for (;;) {
    const records = await source.deletedGenerations(afterDeleted, pageSize);
    if (records.length === 0) break;
    afterDeleted = records[records.length - 1].id;
    const inserted = rows ? await rows.insertDeletedGenerations(records) : 0;
    stats.deletedGenerations.inserted += inserted;
    if (rows) stats.deletedGenerations.present += records.length - inserted;
  }

  // 5. Prices: a few rows.
  const prices = await source.db.listPrices();
  stats.prices.total = prices.length;
  if (rows) {
    const held = new Set((await rows.db.listPrices()).map((price) => price.key));
    for (const price of prices) {
      if (held.has(price.key)) stats.prices.present++;
      else {
        await rows.db.setPrice(price);
        stats.prices.inserted++;
      }
    }
  }

  // 6. API tokens: a few per person. Only hashes exist on either side.
  const tokens = await source.db.listApiTokens({});
  stats.apiTokens.total = tokens.length;
  if (rows) {
    for (const { userName: _name, ...token } of tokens) {
      if (await rows.db.getApiToken(token.id)) stats.apiTokens.present++;
      else {
        await rows.db.insertApiToken({ ...token, userId: targetUserIds.get(token.userId) ?? token.userId });
        stats.apiTokens.inserted++;
      }
    }
  }

  // 7. Shared settings. ensureSetting never overwrites: a target that already
  // made its own value (an instance started on it first) keeps it.
  const settings = await source.settings();
  stats.settings.total = settings.length;
  if (rows) {
    const held = new Set((await rows.settings()).map((setting) => setting.key));
    for (const setting of settings) {
      if (held.has(setting.key)) stats.settings.present++;
      else {
        await rows.db.ensureSetting({ key: setting.key, candidate: setting.value, now: setting.createdAt });
        stats.settings.inserted++;
      }
    }
  }

  // 8. Boards, by keyset over their ids, each to its owner in the target.
  let afterBoard: string | undefined;
  for (;;) {
    const boards = await source.boards(afterBoard, pageSize);
    if (boards.length === 0) break;
    afterBoard = boards[boards.length - 1].id;
    if (!rows) continue;
    for (const board of boards) {
      if (await rows.db.getBoard(board.id)) stats.boards.present++;
      else {
        await rows.db.insertBoard({ ...board, ownerId: targetUserIds.get(board.ownerId) ?? board.ownerId });
        stats.boards.inserted++;
      }
    }
  }

  // 9. The pictures on them, by keyset over (board, picture): one insert a page.
  let afterItem: BoardItemRecord | undefined;
  let itemsDone = 0;
  for (;;) {
    const items = await source.boardItems(afterItem, pageSize);
    if (items.length === 0) break;
    afterItem = items[items.length - 1];
    const inserted = rows ? await rows.insertBoardItems(items) : 0;
    const present = rows ? items.length - inserted : 0;
    stats.boardItems.inserted += inserted;
    stats.boardItems.present += present;
    itemsDone += items.length;
    await onProgress?.({ kind: "board items", inserted, present, done: itemsDone, total: totals.boardItems });
  }

  // 10. Share links, by keyset over their ids, each to its maker in the target.
  let afterShare: string | undefined;
  for (;;) {
    const shares = await source.shares(afterShare, pageSize);
    if (shares.length === 0) break;
    afterShare = shares[shares.length - 1].id;
    if (!rows) continue;
    for (const share of shares) {
      if (await rows.db.getShare(share.id)) stats.shares.present++;
      else {
        await rows.db.insertShare({ ...share, createdBy: targetUserIds.get(share.createdBy) ?? share.createdBy });
        stats.shares.inserted++;
      }
    }
  }
  return stats;
}

/** One page of stars into the target: one favoritesAmong per person, a setFavorite per missing star. */
async function copyStars(
  target: StudioDatabase,
  stars: readonly FavoriteRecord[],
  targetUserIds: ReadonlyMap<string, string>,
): Promise<{ inserted: number; present: number }> {
  let inserted = 0;
  let present = 0;
  const byPerson = new Map<string, FavoriteRecord[]>();
  for (const star of stars) {
    const theirs = byPerson.get(star.userId);
    if (theirs) theirs.push(star);
    else byPerson.set(star.userId, [star]);
  }
  for (const [sourceUserId, theirs] of byPerson) {
    // Every person was copied (or found by name) in step 0.
    const userId = targetUserIds.get(sourceUserId) ?? sourceUserId;
    const there = await target.favoritesAmong({ userId, generationIds: theirs.map((star) => star.generationId) });
    for (const star of theirs) {
      if (there.has(star.generationId)) present++;
      else {
        await target.setFavorite({ userId, generationId: star.generationId, favorite: true, now: star.createdAt });
        inserted++;
      }
    }
  }
  return { inserted, present };
}

/** Copies one object unless the target already holds the same bytes. */
export async function copyFile(
  from: BlobStore,
  to: BlobStore,
  key: string,
  contentType: string,
  /** Sizes of the objects the target held when the copy started, if known. */
  held?: ReadonlyMap<string, number>,
): Promise<{ action: FileAction; bytes: number }> {
  const object = await from.get(key);
  if (!object) return { action: "missing-in-source", bytes: 0 };
  const bytes = await buffer(object.stream);
  const digest = sha256(bytes);
  const worthAsking = held === undefined || held.get(key) === bytes.length;
  const existing = worthAsking ? await to.get(key) : undefined;
  if (existing) {
    if (existing.size === bytes.length && (await hashStream(existing.stream)).sha256 === digest) {
      return { action: "present", bytes: bytes.length };
    }
    existing.stream.destroy();
  }
  await to.put({ key, bytes, contentType });
  return { action: "copied", bytes: bytes.length };
}
