import { z } from "zod";
import { MAX_RUN_ROWS, MAX_RUN_TABLE_CHARS, MAX_RUN_VALUE_CHARS, RUN_ID } from "./contract-values";
import { templateIdSchema } from "./contract-templates";

// Bulk runs (issue 24): a template run once per row of a table.
// POST /api/runs (a preview with dryRun, else the batches), GET /api/runs/{id}.

// The caps live in contract-values.ts, without zod, for the page's table parser.
export { MAX_RUN_ROWS } from "./contract-values";

export const runIdSchema = z.string().regex(RUN_ID, { message: "not a run id" });

const values = z.record(z.string().max(200), z.string().max(MAX_RUN_VALUE_CHARS, { message: `a value must be at most ${MAX_RUN_VALUE_CHARS} characters` }));

/**
 * Either `rows` (each row's values by blank) or `table` (CSV or tab-separated
 * text as copied from a spreadsheet, its first row the blanks' names), not
 * both. Errors name the row and the column.
 */
export const createRunSchema = z
  .strictObject({
    templateId: templateIdSchema,
    rows: z.array(values, { message: "rows must be a list of objects of blank → value" }).max(MAX_RUN_ROWS, { message: `at most ${MAX_RUN_ROWS} rows in one run` }).optional(),
    table: z.string().max(MAX_RUN_TABLE_CHARS, { message: `the table must be at most ${MAX_RUN_TABLE_CHARS} characters` }).optional(),
    /** Only the preview: nothing is stored or sent. */
    dryRun: z.boolean().default(false),
    idempotencyKey: z.string().trim().min(1).max(200).optional(),
  })
  .refine((run) => (run.rows === undefined) !== (run.table === undefined), { message: "give either rows or table, not both", path: ["rows"] });
export type CreateRunInput = z.infer<typeof createRunSchema>;

/** What the person has left after the run, as the composer says it: null where there is no such limit. */
const leftSchema = z.object({
  /** Pictures of today's allowance. */
  today: z.number().int(),
  /** Places in flight and in the queue. */
  inFlight: z.number().int(),
  /** Money of the month's budget; null without one. */
  month: z.number().nullable(),
});

export const runPreviewSchema = z.object({
  /** Every prompt that will run, one per row, in order. */
  prompts: z.array(z.string()),
  /** Each row's values by blank, as read from the table. */
  rows: z.array(z.record(z.string(), z.string())),
  /** Pictures in all (rows × the template's count). */
  pictures: z.number().int(),
  /** Their price; null when the model and size have no price set. */
  price: z.number().nullable(),
  currency: z.string(),
  left: leftSchema,
  /** Why the run would be refused (it would send nothing), in plain words; null when it fits. */
  refusal: z.string().nullable(),
});
export type RunPreview = z.infer<typeof runPreviewSchema>;

export const createRunResponseSchema = z.object({ id: z.string(), batchIds: z.array(z.string()) });
export type CreateRunResponse = z.infer<typeof createRunResponseSchema>;

export const runSchema = z.object({
  id: z.string(),
  templateId: z.string(),
  /** The template's name when it still exists and the viewer may see it; else null. */
  templateName: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  rows: z.array(z.record(z.string(), z.string())),
  /** The batch each row made, in the table's order. */
  batchIds: z.array(z.string()),
  /** Its live pictures by where they stand ("31 of 40 done, 1 failed"). */
  counts: z.object({ done: z.number().int(), failed: z.number().int(), active: z.number().int() }),
});
export type Run = z.infer<typeof runSchema>;
