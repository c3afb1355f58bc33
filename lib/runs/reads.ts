import "server-only";
import type { Run } from "@/lib/contract-runs";
import { StudioError } from "@/lib/errors";
import type { ServiceDeps } from "@/lib/core/deps";
import type { Person } from "@/lib/core/person";
import { maySeeTemplate } from "@/lib/templates/access";

/**
 * GET /api/runs/{id}: the run's rows, batches and progress. Any member may
 * read it, as every member sees every picture (and each row's values are in
 * its pictures' prompts); the template's name only for those who see it.
 */
export async function getRun(deps: Pick<ServiceDeps, "db">, input: { id: string; viewer: Person }): Promise<Run> {
  const run = await deps.db.getRun(input.id);
  if (!run) throw new StudioError("not_found", "There is no run with this id");
  const [counts, template] = await Promise.all([deps.db.runCounts(run.id), deps.db.getTemplate(run.templateId)]);
  return {
    id: run.id,
    templateId: run.templateId,
    templateName: template && maySeeTemplate(input.viewer, template) ? template.name : null,
    createdBy: run.createdBy,
    createdAt: new Date(run.createdAt).toISOString(),
    rows: run.rows,
    batchIds: run.batchIds,
    counts,
  };
}
