import "server-only";
import { asc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { definedFields } from "@/lib/db/shared/row-mapping";
import type { PostgresEngine } from "@/lib/db/postgres/engine";
import { bytewise, withDriverErrors, type Db } from "@/lib/db/postgres/query-parts";
import { templateReferences, templates, users } from "@/lib/db/postgres/schema";
import type { TemplateSummary, TemplatesStore } from "./port";
import { oneMoreUse, referenceLinkOf, visibleTemplates, withReferences } from "./query-parts";

/** A template's own columns and its owner's name. */
const summaryFields = { ...getTableColumns(templates), ownerName: users.name };

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export function postgresTemplates({ db }: PostgresEngine): TemplatesStore {
  const linksOf = async (ids: string[]) => {
    if (ids.length === 0) return [];
    return db
      .select({ templateId: templateReferences.templateId, referenceId: templateReferences.referenceId })
      .from(templateReferences)
      .where(inArray(templateReferences.templateId, ids))
      .orderBy(asc(templateReferences.templateId), asc(templateReferences.position));
  };
  const link = async (tx: Tx, templateId: string, references: string[]) => {
    if (references.length === 0) return;
    await tx.insert(templateReferences).values(references.map((referenceId, position) => ({ templateId, referenceId, position })));
  };

  return {
    async insertTemplate(row) {
      const { references, ...fields } = row;
      await withDriverErrors(() =>
        db.transaction(async (tx) => {
          await tx.insert(templates).values(fields);
          await link(tx, row.id, references);
        }),
      );
    },

    async getTemplate(id) {
      return withDriverErrors(async () => {
        const [row] = await db.select(summaryFields).from(templates).innerJoin(users, eq(users.id, templates.ownerId)).where(eq(templates.id, id));
        if (!row) return undefined;
        return withReferences([row], await linksOf([id]))[0] as TemplateSummary;
      });
    },

    async listTemplates(input) {
      return withDriverErrors(async () => {
        const rows = await db
          .select(summaryFields)
          .from(templates)
          .innerJoin(users, eq(users.id, templates.ownerId))
          .where(visibleTemplates(templates, input.viewerId))
          // As SQLite orders them: lower() compared byte by byte.
          .orderBy(bytewise(sql`lower(${templates.name})`), asc(templates.id));
        return withReferences(rows, await linksOf(rows.map((r) => r.id)));
      });
    },

    async updateTemplate(input) {
      const { references, ...patch } = input.patch;
      const set = definedFields(patch);
      return withDriverErrors(() =>
        db.transaction(async (tx) => {
          // Locks the row: two updates of its references run one after the other.
          const [found] = await tx.select({ id: templates.id }).from(templates).where(eq(templates.id, input.id)).for("update");
          if (!found) return false;
          if (Object.keys(set).length > 0) await tx.update(templates).set(set).where(eq(templates.id, input.id));
          if (references) {
            await tx.delete(templateReferences).where(eq(templateReferences.templateId, input.id));
            await link(tx, input.id, references);
          }
          return true;
        }),
      );
    },

    async deleteTemplate(id) {
      const deleted = await withDriverErrors(() => db.delete(templates).where(eq(templates.id, id)).returning({ id: templates.id }));
      return deleted.length > 0;
    },

    async countTemplateUse(id) {
      const counted = await withDriverErrors(() =>
        db.update(templates).set({ uses: oneMoreUse(templates.uses) }).where(eq(templates.id, id)).returning({ id: templates.id }),
      );
      return counted.length > 0;
    },

    async referenceInVisibleTemplate(input) {
      const found = await withDriverErrors(() =>
        db
          .select({ one: sql`1` })
          .from(templateReferences)
          .innerJoin(templates, eq(templates.id, templateReferences.templateId))
          .where(referenceLinkOf({ links: templateReferences, templates }, input))
          .limit(1),
      );
      return found.length > 0;
    },
  };
}
