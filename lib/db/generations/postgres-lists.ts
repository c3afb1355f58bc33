import "server-only";
import { and, asc, count, eq, desc, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { rowLimit } from "@/lib/db/shared/conditions";
import type { PostgresEngine } from "@/lib/db/postgres/engine";
import { withDriverErrors, type CaseFolding } from "@/lib/db/postgres/query-parts";
import { boardItems, deletedGenerations, favorites, generations } from "@/lib/db/postgres/schema";
import { promptSearch } from "@/lib/db/postgres/search";
import type { GenerationLists } from "./port";
import { boardRange, listConditions, pictureConditions, starOf } from "./conditions";
import { toDeletedVersion, toGenerationRow } from "./row-mapping";

// The gallery's reads on PostgreSQL: pages of pictures (the whole gallery or
// one board's), their ids and counts, and each person's stars on them.

/** "A newer version of the same tree" (see newestOfTree). */
const newerVersions = alias(generations, "newer_versions");

export function postgresLists({ db, folding }: PostgresEngine): GenerationLists {
  const search = searchAs(folding);
  return {
    async listGenerations(filter) {
      const limit = rowLimit(filter.limit);
      const { board } = filter;
      return withDriverErrors(async () => {
        if (board === undefined) {
          const records = await db
            .select()
            .from(generations)
            .where(listConditions(generations, filter, search({ index: true }), favorites, newerVersions))
            .orderBy(desc(generations.id))
            .limit(limit);
          return records.map(toGenerationRow);
        }
        // The board's range of board_items' key, newest first, each item's
        // picture looked up by id. The LIMIT (one picture per id, as there is)
        // keeps the lateral subquery a subquery: flattened into a join, the
        // planner may pick a merge join that walks the whole gallery's id index
        // from its newest end (a deep page, or a filter few of the board's
        // pictures match, then reads every picture above the cursor), where a
        // page should cost the board's items it reads.
        const picture = db
          .select()
          .from(generations)
          .where(and(eq(generations.id, boardItems.generationId), pictureConditions(generations, filter, search({ index: false }), favorites)))
          .limit(1)
          .as("picture");
        const records = await db
          .select()
          .from(boardItems)
          .crossJoinLateral(picture)
          .where(boardRange(boardItems, { board, beforeId: filter.beforeId }))
          .orderBy(desc(boardItems.generationId))
          .limit(limit);
        return records.map((record) => toGenerationRow(record.picture));
      });
    },

    async listGenerationIds(filter) {
      const limit = rowLimit(filter.limit);
      const { board } = filter;
      return withDriverErrors(async () => {
        if (board === undefined) {
          const rows = await db
            .select({ id: generations.id })
            .from(generations)
            .where(listConditions(generations, filter, search({ index: true }), favorites, newerVersions))
            .orderBy(desc(generations.id))
            .limit(limit);
          return rows.map((row) => row.id);
        }
        // As listGenerations reads a board: its range of board_items, each picture looked up by id.
        const picture = db
          .select({ id: generations.id })
          .from(generations)
          .where(and(eq(generations.id, boardItems.generationId), pictureConditions(generations, filter, search({ index: false }), favorites)))
          .limit(1)
          .as("picture");
        const rows = await db
          .select({ id: picture.id })
          .from(boardItems)
          .crossJoinLateral(picture)
          .where(boardRange(boardItems, { board, beforeId: filter.beforeId }))
          .orderBy(desc(boardItems.generationId))
          .limit(limit);
        return rows.map((row) => row.id);
      });
    },

    async countGenerations(filter) {
      const { board } = filter;
      return withDriverErrors(async () => {
        if (board === undefined) {
          const [row] = await db
            .select({ n: count() })
            .from(generations)
            .where(listConditions(generations, filter, search({ index: true }), favorites, newerVersions));
          return row?.n ?? 0;
        }
        const [row] = await db
          .select({ n: count() })
          .from(boardItems)
          .innerJoin(generations, eq(generations.id, boardItems.generationId))
          .where(and(boardRange(boardItems, { board }), pictureConditions(generations, filter, search({ index: false }), favorites)));
        return row?.n ?? 0;
      });
    },

    async listTree(rootId) {
      return withDriverErrors(async () => {
        const [rows, deleted] = await Promise.all([
          db.select().from(generations).where(eq(generations.rootId, rootId)).orderBy(asc(generations.id)),
          db
            .select({ id: deletedGenerations.id, parentId: deletedGenerations.parentId, rootId: deletedGenerations.rootId, createdAt: deletedGenerations.createdAt, deletedAt: deletedGenerations.deletedAt })
            .from(deletedGenerations)
            .where(eq(deletedGenerations.rootId, rootId))
            .orderBy(asc(deletedGenerations.id)),
        ]);
        return { rows: rows.map(toGenerationRow), deleted: deleted.map(toDeletedVersion) };
      });
    },

    async versionCounts(rootIds) {
      if (rootIds.length === 0) return new Map();
      const records = await withDriverErrors(() =>
        db
          .select({ rootId: generations.rootId, n: count() })
          .from(generations)
          .where(sql`${generations.rootId} = any(${sql.param([...new Set(rootIds)])}::text[])`)
          .groupBy(generations.rootId),
      );
      return new Map(records.map((record) => [record.rootId!, record.n]));
    },

    async setFavorite(input) {
      const { userId, generationId, now } = input;
      await withDriverErrors(async () => {
        if (!input.favorite) {
          await db.delete(favorites).where(starOf(favorites, input));
          return;
        }
        // Starring twice keeps the first star (and its time).
        await db.insert(favorites).values({ userId, generationId, createdAt: now }).onConflictDoNothing();
      });
    },

    async favoritesAmong(input) {
      if (input.generationIds.length === 0) return new Set();
      const records = await withDriverErrors(() =>
        db
          .select({ generationId: favorites.generationId })
          .from(favorites)
          .where(and(eq(favorites.userId, input.userId), sql`${favorites.generationId} = any(${sql.param([...new Set(input.generationIds)])}::text[])`)),
      );
      return new Set(records.map((record) => record.generationId));
    },
  };
}

/** Prompt search as this database folds case; the index narrows a word down across the gallery, not on a board's few items. */
function searchAs(folding: CaseFolding) {
  return (options: { index: boolean }) => (q: string) => promptSearch(q, folding, options);
}
