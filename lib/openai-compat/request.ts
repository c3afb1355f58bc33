import "server-only";
import { openAiImageRequestSchema, type CreateGenerationInput, type OpenAiImageRequest } from "@/lib/contract";
import { getConfig } from "@/lib/config";
import { MAX_REFERENCE_BYTES } from "@/lib/generations";
import { ImageError, CONTENT_TYPES, toDataUrl } from "@/lib/images";
import { sniffFormat } from "@/lib/images/sniff";
import { MAX_REFERENCES, type AspectRatio } from "@/lib/models";
import { readCappedBody } from "@/lib/read-capped";
import { invalidParam } from "./errors";
import { megabytes, readMultipart, tooLarge } from "./multipart";

// What an OpenAI client sends, read and checked before anything is stored or
// submitted, and turned into the studio's own request.

/** A JSON request carries a prompt of at most 10,000 characters and a few short fields. */
const JSON_LIMIT_BYTES = 256 * 1024;
/** Five pictures of at most 7 MB each, and room for the multipart framing and fields. */
const MULTIPART_LIMIT_BYTES = MAX_REFERENCES * MAX_REFERENCE_BYTES + 1024 * 1024;

const SIZE_TO_RATIO: Record<NonNullable<OpenAiImageRequest["size"]>, AspectRatio> = {
  auto: "auto",
  "1024x1024": "1:1",
  "1536x1024": "16:9",
  "1792x1024": "16:9",
  "1024x1536": "9:16",
  "1024x1792": "9:16",
};

function parseParams(input: unknown): OpenAiImageRequest {
  const parsed = openAiImageRequestSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const param = issue.path.length ? String(issue.path[0]) : null;
  const message = !param || issue.message.startsWith(param) ? issue.message : `${param}: ${issue.message}`;
  throw invalidParam(param, message, param === "model" ? "model_not_found" : "invalid_value");
}

/** POST /v1/images/generations: a JSON body. */
export async function readGenerationsRequest(request: Request): Promise<OpenAiImageRequest> {
  const limit = Math.min(getConfig().bodyLimitBytes, JSON_LIMIT_BYTES);
  const body = await readCappedBody(request, limit);
  if (body === "too_large") throw tooLarge(null, `The request body is larger than ${megabytes(limit)}`);
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    throw invalidParam(null, "The request body must be JSON: { model, prompt, n, size, response_format }");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw invalidParam(null, "The request body must be a JSON object");
  return parseParams(json);
}

/** An edits request as read: its fields, its pictures as data URLs, and each picture's SHA-256 (for Idempotency-Key). */
export type EditsRequest = { params: OpenAiImageRequest; references: string[]; imageDigests: string[] };

/** The longest text field: a prompt of 10,000 characters in any script, with room to spare. */
const FIELD_LIMIT_BYTES = 64 * 1024;
/** model, prompt, n, size, response_format, aspect_ratio, image_size, quality, style, user, and some slack for what clients add. */
const FIELD_COUNT_LIMIT = 20;

/**
 * POST /v1/images/edits: multipart, the pictures in `image` (one) or
 * `image[]` (several), as the SDKs send them. Read as a stream with bounds
 * (lib/openai-compat/multipart.ts): a sixth picture, a mask, a picture over 7 MB or
 * a body over the limit is refused as soon as it starts or passes the limit.
 */
export async function readEditsRequest(request: Request): Promise<EditsRequest> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    await request.body?.cancel().catch(() => {});
    throw invalidParam("image", "Send the request as multipart/form-data with the pictures in the field image (or image[])");
  }
  const form = await readMultipart({
    request,
    limits: {
      fileBytes: MAX_REFERENCE_BYTES,
      // One more than allowed, so that checkFile (not the parser) names the problem.
      files: MAX_REFERENCES + 1,
      fieldBytes: FIELD_LIMIT_BYTES,
      fields: FIELD_COUNT_LIMIT,
      totalBytes: Math.min(getConfig().bodyLimitBytes, MULTIPART_LIMIT_BYTES),
    },
    checkFile(field, before) {
      if (field === "mask" || field === "mask[]") {
        // Leaving a mask out would change what the picture is; say so instead.
        throw invalidParam("mask", "mask is not supported: describe the change in the prompt");
      }
      if (field !== "image" && field !== "image[]") throw invalidParam(field, `${field} must be a text field, not a file`);
      if (before >= MAX_REFERENCES) throw invalidParam("image", `At most ${MAX_REFERENCES} images may be sent; this request has more`);
    },
    // Each picture becomes its data URL as soon as it has arrived; its bytes go.
    keep: (file) => ({ dataUrl: asDataUrl(file.bytes, `image ${file.index + 1}`), sha256: file.sha256 }),
    label: (_field, index) => `image ${index + 1}`,
  });

  const fields: Record<string, string> = {};
  for (const [name, value] of form.fields) {
    if (name === "image" || name === "image[]") throw invalidParam("image", "image must be a file (a PNG, JPEG or WebP picture)");
    // Some clients send empty fields for settings left at their default.
    if (value !== "" || name === "prompt") fields[name] = value;
  }
  const params = parseParams(fields);
  if (form.files.length === 0) throw invalidParam("image", "image is required: one to five PNG, JPEG or WebP pictures");
  return { params, references: form.files.map((file) => file.dataUrl), imageDigests: form.files.map((file) => file.sha256) };
}

/**
 * A picture as the data URL the studio's references take: its type from its
 * first bytes (clients often say application/octet-stream). The full check
 * (decodes, size, pixels) is storeReferences', as for every reference.
 */
function asDataUrl(bytes: Buffer, label: string): string {
  try {
    return toDataUrl(bytes, CONTENT_TYPES[sniffFormat(bytes)]);
  } catch (error) {
    if (ImageError.is(error)) throw invalidParam("image", `${label}: ${error.message}`, "invalid_image");
    throw error;
  }
}

/** The studio's own request: `aspect_ratio` and `image_size` win over `size`; `n` is the count. */
export function toCreateInput(params: OpenAiImageRequest, references: string[] = [], idempotencyKey?: string): CreateGenerationInput {
  return {
    model: params.model,
    prompt: params.prompt,
    aspectRatio: params.aspect_ratio ?? SIZE_TO_RATIO[params.size ?? "auto"],
    imageSize: params.image_size ?? null,
    references,
    count: params.n,
    idempotencyKey,
  };
}
