import "server-only";
import { and, eq, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { TemplateSummary } from "./port";

// The template queries' pieces that both engines write alike; each engine
// passes its own tables (drizzle's operators take either dialect's columns).

/** Team templates and the viewer's own. */
export function visibleTemplates(templates: Record<"visibility" | "ownerId", AnyColumn>, viewerId: string): SQL {
  return or(eq(templates.visibility, "team"), eq(templates.ownerId, viewerId))!;
}

/** Joins each template with its references (`links`: templateId, referenceId, by position). */
export function withReferences(
  rows: Omit<TemplateSummary, "references">[],
  links: { templateId: string; referenceId: string }[],
): TemplateSummary[] {
  const byTemplate = new Map<string, string[]>();
  for (const link of links) {
    const list = byTemplate.get(link.templateId) ?? [];
    list.push(link.referenceId);
    byTemplate.set(link.templateId, list);
  }
  return rows.map((row) => ({ ...row, references: byTemplate.get(row.id) ?? [] }) as TemplateSummary);
}

/** A template and one of its references, for a visibility check. */
export function referenceLinkOf(
  tables: { links: Record<"referenceId" | "templateId", AnyColumn>; templates: Record<"id" | "visibility" | "ownerId", AnyColumn> },
  input: { referenceId: string; viewerId: string },
): SQL {
  return and(eq(tables.links.referenceId, input.referenceId), visibleTemplates(tables.templates, input.viewerId))!;
}

/** The uses counter plus one. */
export const oneMoreUse = (uses: AnyColumn) => sql`${uses} + 1`;
