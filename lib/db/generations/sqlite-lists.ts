import "server-only";
import { and, asc, count, desc, eq, getTableColumns, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { rowLimit } from "@/lib/db/shared/conditions";
import { chunked } from "@/lib/db/shared/row-mapping";
import type { SqliteEngine } from "@/lib/db/sqlite/engine";
import { IDS_PER_QUERY, type Db } from "@/lib/db/sqlite/query-parts";
import { boardItems, deletedGenerations, favorites, generations } from "@/lib/db/sqlite/schema";
import { promptSearch } from "@/lib/db/sqlite/search-index";
import type { GenerationLists, ListFilter } from "./port";
import { boardRange, listConditions, pictureConditions, starOf } from "./conditions";
import { toDeletedVersion, toGenerationRow } from "./row-mapping";

// The gallery's reads on SQLite: pages of pictures (the whole gallery or one
// board's), their ids and counts, and each person's stars on them.

/** "A newer version of the same tree" (see newestOfTree). */
const newerVersions = alias(generations, "newer_versions");

export function sqliteLists({ db }: SqliteEngine): GenerationLists {
  return {
    async listGenerations(filter) {
      const limit = rowLimit(filter.limit);
      const where = listingWhere(db, filter);
      if (filter.board === undefined) {
        return db.select().from(generations).where(where).orderBy(desc(generations.id)).limit(limit).all().map(toGenerationRow);
      }
      // CROSS JOIN: SQLite's planner then keeps board_items outermost, walking
      // the board's primary-key range newest first and stopping after a page,
      // rather than starting from a generations index that matches a filter
      // (model, status) and sorting the board's pictures among a whole table.
      return db
        .select(getTableColumns(generations))
        .from(boardItems)
        .crossJoin(generations)
        .where(where)
        .orderBy(desc(boardItems.generationId))
        .limit(limit)
        .all()
        .map(toGenerationRow);
    },

    async listGenerationIds(filter) {
      const limit = rowLimit(filter.limit);
      const where = listingWhere(db, filter);
      const rows =
        filter.board === undefined
          ? db.select({ id: generations.id }).from(generations).where(where).orderBy(desc(generations.id)).limit(limit).all()
          : db.select({ id: generations.id }).from(boardItems).crossJoin(generations).where(where).orderBy(desc(boardItems.generationId)).limit(limit).all();
      return rows.map((row) => row.id);
    },

    async countGenerations(filter) {
      const where = listingWhere(db, filter);
      const counted =
        filter.board === undefined
          ? db.select({ n: count() }).from(generations).where(where).get()
          : db.select({ n: count() }).from(boardItems).crossJoin(generations).where(where).get();
      return counted?.n ?? 0;
    },

    async listTree(rootId) {
      const rows = db.select().from(generations).where(eq(generations.rootId, rootId)).orderBy(asc(generations.id)).all();
      const deleted = db
        .select({ id: deletedGenerations.id, parentId: deletedGenerations.parentId, rootId: deletedGenerations.rootId, createdAt: deletedGenerations.createdAt, deletedAt: deletedGenerations.deletedAt })
        .from(deletedGenerations)
        .where(eq(deletedGenerations.rootId, rootId))
        .orderBy(asc(deletedGenerations.id))
        .all();
      return { rows: rows.map(toGenerationRow), deleted: deleted.map(toDeletedVersion) };
    },

    async versionCounts(rootIds) {
      const counts = new Map<string, number>();
      for (const chunk of chunked([...new Set(rootIds)], IDS_PER_QUERY)) {
        const records = db
          .select({ rootId: generations.rootId, n: count() })
          .from(generations)
          .where(inArray(generations.rootId, chunk))
          .groupBy(generations.rootId)
          .all();
        for (const record of records) counts.set(record.rootId!, record.n);
      }
      return counts;
    },

    async setFavorite(input) {
      const { userId, generationId, now } = input;
      if (!input.favorite) {
        db.delete(favorites).where(starOf(favorites, input)).run();
        return;
      }
      // Starring twice keeps the first star (and its time).
      db.insert(favorites).values({ userId, generationId, createdAt: now }).onConflictDoNothing().run();
    },

    async favoritesAmong(input) {
      const starred = new Set<string>();
      // One query for any page of the gallery; only a huge list is split.
      for (const chunk of chunked([...new Set(input.generationIds)], IDS_PER_QUERY)) {
        const records = db
          .select({ generationId: favorites.generationId })
          .from(favorites)
          .where(and(eq(favorites.userId, input.userId), inArray(favorites.generationId, chunk)))
          .all();
        for (const record of records) starred.add(record.generationId);
      }
      return starred;
    },
  };
}

/**
 * A listing's condition: on generations alone, or (with a board) on the
 * board's range of board_items crossed with generations. The search index
 * narrows a word down across the gallery; on a board each of its pictures is
 * checked as it comes.
 */
function listingWhere(db: Db, filter: Omit<ListFilter, "limit">) {
  const { board } = filter;
  const search = (q: string) => promptSearch(db, q, { index: board === undefined });
  if (board === undefined) return listConditions(generations, filter, search, favorites, newerVersions);
  return and(
    boardRange(boardItems, { board, beforeId: filter.beforeId }),
    eq(generations.id, boardItems.generationId),
    pictureConditions(generations, filter, search, favorites),
  );
}
