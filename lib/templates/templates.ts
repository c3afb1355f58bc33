import "server-only";
import { templateVariables, type CreateTemplateInput, type ListTemplatesResponse, type PatchTemplateInput, type Template } from "@/lib/contract-templates";
import type { StudioDatabase, TemplateSummary } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import type { ServiceDeps } from "@/lib/core/deps";
import { newTemplateId } from "@/lib/core/ids";
import type { Person } from "@/lib/core/person";
import { logger } from "@/lib/log";
import { mayManageTemplate, mustManageTemplate, mustSeeTemplate } from "./access";

// Templates: a prompt with {blanks}, the settings it runs with and the stored
// references that come along; the team's or one person's (see access.ts).
// The references a template carries are kept from the pruner of unused
// uploads for as long as it does.

type Deps = Pick<ServiceDeps, "db" | "now">;

export function toTemplate(row: TemplateSummary, viewer: Pick<Person, "id" | "role">): Template {
  return {
    id: row.id,
    name: row.name,
    prompt: row.prompt,
    variables: templateVariables(row.prompt),
    model: row.model,
    aspectRatio: row.aspectRatio,
    imageSize: row.imageSize,
    count: row.count,
    references: row.references,
    visibility: row.visibility,
    owner: row.ownerName,
    uses: row.uses,
    createdAt: new Date(row.createdAt).toISOString(),
    canManage: mayManageTemplate(viewer, row),
  };
}

/** Every team template and the viewer's private ones, by name. */
export async function listTemplates(deps: Deps, input: { viewer: Person }): Promise<ListTemplatesResponse> {
  const rows = await deps.db.listTemplates({ viewerId: input.viewer.id });
  return { items: rows.map((row) => toTemplate(row, input.viewer)) };
}

/** One template as the viewer sees it (404 when they may not). */
export async function getTemplate(deps: Deps, input: { id: string; viewer: Person }): Promise<Template> {
  return toTemplate(await mustSeeTemplate(deps.db, { id: input.id, person: input.viewer }), input.viewer);
}

/** A new template of the viewer's (a copy of another is the same: its fields, posted). */
export async function createTemplate(deps: Deps, input: { viewer: Person; template: CreateTemplateInput }): Promise<Template> {
  const { template, viewer } = input;
  await mustUseReferences(deps.db, viewer, template.references);
  const now = deps.now();
  const id = newTemplateId(now);
  await deps.db.insertTemplate({
    id,
    name: template.name,
    prompt: template.prompt,
    model: template.model,
    aspectRatio: template.aspectRatio,
    imageSize: template.imageSize ?? null,
    count: template.count,
    visibility: template.visibility,
    references: template.references,
    ownerId: viewer.id,
    uses: 0,
    createdAt: now,
    updatedAt: now,
  });
  logger.info({ user: viewer.name, template: id, visibility: template.visibility }, "template created");
  return getTemplate(deps, { id, viewer });
}

/** Changes what the patch gives (its owner, or an admin for a team one). */
export async function updateTemplate(deps: Deps, input: { id: string; viewer: Person; patch: PatchTemplateInput }): Promise<Template> {
  const template = await mustManageTemplate(deps.db, { id: input.id, person: input.viewer });
  // As with boards: only its owner may make a team template private.
  if (input.patch.visibility === "private" && template.ownerId !== input.viewer.id) {
    throw new StudioError("forbidden", "Only the template's owner can make it private");
  }
  if (input.patch.references) {
    // Those it carries already may stay (another person's upload in a copied team template).
    const added = input.patch.references.filter((ref) => !template.references.includes(ref));
    await mustUseReferences(deps.db, input.viewer, added);
  }
  const found = await deps.db.updateTemplate({ id: template.id, patch: { ...input.patch, updatedAt: deps.now() } });
  if (!found) throw new StudioError("not_found", "There is no template with this id");
  return getTemplate(deps, { id: template.id, viewer: input.viewer });
}

/** Deletes the template; its references are the pruner's again. */
export async function deleteTemplate(deps: Deps, input: { id: string; viewer: Person }): Promise<void> {
  const template = await mustManageTemplate(deps.db, { id: input.id, person: input.viewer });
  await deps.db.deleteTemplate(template.id);
  logger.info({ user: input.viewer.name, template: template.id }, "template deleted");
}

/**
 * Every reference must be a stored upload of the viewer's, one a template
 * they see carries (a copy takes its references along), or one a finished
 * picture uses (Save as template from a teammate's picture: the viewer
 * already shows those to the whole team, and Remix reuses them); else 400
 * naming it. The references of a picture that was not made stay their
 * uploader's, as openReference keeps them (lib/generations/files.ts).
 */
async function mustUseReferences(db: StudioDatabase, viewer: Person, references: readonly string[]): Promise<void> {
  for (const [i, id] of references.entries()) {
    const row = await db.getReference(id);
    const usable =
      row !== undefined &&
      (row.createdBy === viewer.name ||
        (await db.referenceInVisibleTemplate({ referenceId: id, viewerId: viewer.id })) ||
        (await db.referenceUsedByCompleted(id)));
    if (!usable) {
      const message = `${id} is not a stored upload of yours: upload the picture or link first with POST /api/references and give its id`;
      throw new StudioError("invalid_request", `references.${i}: ${message}`, { issues: [{ path: `references.${i}`, message }] });
    }
  }
}
