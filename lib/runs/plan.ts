import "server-only";
import type { CreateRunInput } from "@/lib/contract-runs";
import { templateVariables } from "@/lib/contract-templates";
import type { TemplateSummary } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import type { ServiceDeps } from "@/lib/core/deps";
import type { Person } from "@/lib/core/person";
import { mustSeeTemplate } from "@/lib/templates/access";
import { checkRunRows, parseRunTable, runPrompts, type TableIssue } from "./table";

/** What a run will make: the template, each row's values and prompt, and the pictures in all. */
export type RunPlan = { template: TemplateSummary; rows: Record<string, string>[]; prompts: string[]; pictures: number };

/**
 * Reads the request into a plan: the template must be one the person sees
 * (404 otherwise) and have blanks; the table or rows must fill every blank of
 * every row, each mistake named by row and column (400).
 */
export async function planRun(deps: Pick<ServiceDeps, "db">, input: { request: CreateRunInput; person: Person }): Promise<RunPlan> {
  const { request } = input;
  const template = await mustSeeTemplate(deps.db, { id: request.templateId, person: input.person });
  const blanks = templateVariables(template.prompt);
  if (blanks.length === 0) {
    throw new StudioError("invalid_request", "This template has no {blanks}: a run fills a template's blanks from a table, one row per run", {
      issues: [{ path: "templateId", message: "This template has no {blanks}" }],
    });
  }
  const parsed = request.table !== undefined ? parseRunTable(request.table, blanks) : checkRunRows(request.rows ?? [], blanks);
  if (!parsed.ok) throw tableError(parsed.issues);
  // A table's first values are its row 2 (the header is row 1); a list's are row 1.
  const { prompts, issues } = runPrompts(template.prompt, parsed.rows, request.table !== undefined ? 2 : 1);
  if (issues.length > 0) throw tableError(issues);
  return { template, rows: parsed.rows, prompts, pictures: parsed.rows.length * template.count };
}

function tableError(issues: TableIssue[]): StudioError {
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return new StudioError("invalid_request", `${issues[0].message}${more}`, { issues: issues.map(({ path, message }) => ({ path, message })) });
}
