import "server-only";
import { asc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { chunked, definedFields } from "@/lib/db/shared/row-mapping";
import type { SqliteEngine } from "@/lib/db/sqlite/engine";
import { IDS_PER_QUERY, WRITE, type Db } from "@/lib/db/sqlite/query-parts";
import { templateReferences, templates, users } from "@/lib/db/sqlite/schema";
import type { TemplateSummary, TemplatesStore } from "./port";
import { oneMoreUse, referenceLinkOf, visibleTemplates, withReferences } from "./query-parts";

/** A template's own columns and its owner's name. */
const summaryFields = { ...getTableColumns(templates), ownerName: users.name };

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export function sqliteTemplates({ db }: SqliteEngine): TemplatesStore {
  const linksOf = (ids: string[]) => {
    const links: { templateId: string; referenceId: string }[] = [];
    for (const chunk of chunked(ids, IDS_PER_QUERY)) {
      links.push(
        ...db
          .select({ templateId: templateReferences.templateId, referenceId: templateReferences.referenceId })
          .from(templateReferences)
          .where(inArray(templateReferences.templateId, chunk))
          .orderBy(asc(templateReferences.templateId), asc(templateReferences.position))
          .all(),
      );
    }
    return links;
  };
  const link = (tx: Tx, templateId: string, references: string[]) => {
    if (references.length === 0) return;
    tx.insert(templateReferences)
      .values(references.map((referenceId, position) => ({ templateId, referenceId, position })))
      .run();
  };

  return {
    async insertTemplate(row) {
      const { references, ...fields } = row;
      db.transaction((tx) => {
        tx.insert(templates).values(fields).run();
        link(tx, row.id, references);
      }, WRITE);
    },

    async getTemplate(id) {
      const row = db.select(summaryFields).from(templates).innerJoin(users, eq(users.id, templates.ownerId)).where(eq(templates.id, id)).get();
      if (!row) return undefined;
      return withReferences([row], linksOf([id]))[0] as TemplateSummary;
    },

    async listTemplates(input) {
      const rows = db
        .select(summaryFields)
        .from(templates)
        .innerJoin(users, eq(users.id, templates.ownerId))
        .where(visibleTemplates(templates, input.viewerId))
        .orderBy(sql`lower(${templates.name})`, asc(templates.id))
        .all();
      return withReferences(rows, linksOf(rows.map((r) => r.id)));
    },

    async updateTemplate(input) {
      const { references, ...patch } = input.patch;
      const set = definedFields(patch);
      return db.transaction((tx) => {
        const found = tx.select({ id: templates.id }).from(templates).where(eq(templates.id, input.id)).get();
        if (!found) return false;
        if (Object.keys(set).length > 0) tx.update(templates).set(set).where(eq(templates.id, input.id)).run();
        if (references) {
          tx.delete(templateReferences).where(eq(templateReferences.templateId, input.id)).run();
          link(tx, input.id, references);
        }
        return true;
      }, WRITE);
    },

    async deleteTemplate(id) {
      // Its reference links go with it (ON DELETE CASCADE); the references stay for the pruner.
      return db.delete(templates).where(eq(templates.id, id)).run().changes > 0;
    },

    async countTemplateUse(id) {
      return db.update(templates).set({ uses: oneMoreUse(templates.uses) }).where(eq(templates.id, id)).run().changes > 0;
    },

    async referenceInVisibleTemplate(input) {
      const found = db
        .select({ one: sql`1` })
        .from(templateReferences)
        .innerJoin(templates, eq(templates.id, templateReferences.templateId))
        .where(referenceLinkOf({ links: templateReferences, templates }, input))
        .limit(1)
        .get();
      return found !== undefined;
    },
  };
}
