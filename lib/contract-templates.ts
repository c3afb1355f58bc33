import { z } from "zod";
import { MAX_REFERENCES } from "@/lib/models";
import { createGenerationSchema } from "./contract";
import { MAX_TEMPLATE_NAME, TEMPLATE_ID } from "./contract-values";

// Templates (issue 24): a prompt with {blanks} and the settings it runs with,
// the team's or one person's. GET/POST /api/templates,
// GET/PATCH/DELETE /api/templates/{id}.

// The plain pieces (the name's cap, a prompt's blanks) live in
// contract-values.ts, without zod, for the page's first-load code.
export { fillBlanks, templateVariables } from "./contract-values";

/** `tpl_` + a ULID. */
export const templateIdSchema = z.string().regex(TEMPLATE_ID, { message: "not a template id" });

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /\p{Cs}/u;

const templateName = z
  .string({ message: "name is required" })
  .trim()
  .min(1, { message: "name is required" })
  .max(MAX_TEMPLATE_NAME, { message: `name must be at most ${MAX_TEMPLATE_NAME} characters` })
  .refine((n) => !CONTROL_CHARS.test(n) && !LONE_SURROGATE.test(n), { message: "name contains characters that are not allowed" });
const templateVisibility = z.enum(["team", "private"], { message: "visibility must be team or private" });
const generation = createGenerationSchema.shape;

/** Stored uploads only: a picture or a link is uploaded first (POST /api/references) and named by its id here. */
const templateReferences = z
  .array(
    z.string().regex(/^ref_[0-9A-HJKMNP-TV-Z]{26}$/, {
      message: "must be the ref_… id of a stored upload: upload a picture or a link first with POST /api/references",
    }),
    { message: "references must be a list of ref_… ids" },
  )
  .max(MAX_REFERENCES, { message: `at most ${MAX_REFERENCES} reference images` });

export const templateSchema = z.object({
  id: z.string(),
  name: z.string(),
  prompt: z.string(),
  /** The prompt's {blanks}, in order of first appearance. */
  variables: z.array(z.string()),
  model: generation.model,
  aspectRatio: z.string(),
  imageSize: z.string().nullable(),
  count: z.number().int(),
  /** Stored uploads (`ref_…` ids) that come along. */
  references: z.array(z.string()),
  visibility: templateVisibility,
  /** The owner's name. */
  owner: z.string(),
  /** How often it was used. */
  uses: z.number().int(),
  createdAt: z.string(),
  /** Whether the person asking may change or delete it (its owner, or an admin for a team one). */
  canManage: z.boolean(),
});
export type Template = z.infer<typeof templateSchema>;

export const listTemplatesResponseSchema = z.object({ items: z.array(templateSchema) });
export type ListTemplatesResponse = z.infer<typeof listTemplatesResponseSchema>;

/** POST /api/templates (a copy is a POST with another template's fields). */
export const createTemplateSchema = z.strictObject({
  name: templateName,
  prompt: generation.prompt,
  model: generation.model,
  aspectRatio: generation.aspectRatio,
  imageSize: generation.imageSize,
  count: generation.count,
  references: templateReferences.default([]),
  visibility: templateVisibility.default("team"),
});
export type CreateTemplateInput = z.infer<typeof createTemplateSchema>;
export type CreateTemplateRequest = z.input<typeof createTemplateSchema>;

/** PATCH /api/templates/{id}: any of the fields, at least one. */
export const patchTemplateSchema = z
  .strictObject({
    name: templateName.optional(),
    prompt: generation.prompt.optional(),
    model: generation.model.optional(),
    aspectRatio: generation.aspectRatio.unwrap().optional(),
    imageSize: generation.imageSize,
    count: generation.count.unwrap().optional(),
    references: templateReferences.optional(),
    visibility: templateVisibility.optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: "give at least one field to change" });
export type PatchTemplateInput = z.infer<typeof patchTemplateSchema>;
