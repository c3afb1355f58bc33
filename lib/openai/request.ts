import "server-only";
import { openAiImageRequestSchema, type CreateGenerationInput, type OpenAiImageRequest } from "@/lib/contract";
import { getConfig } from "@/lib/config";
import { MAX_REFERENCE_BYTES } from "@/lib/generations";
import { ImageError, CONTENT_TYPES, toDataUrl } from "@/lib/images";
import { sniffFormat } from "@/lib/images/sniff";
import { MAX_REFERENCES, type AspectRatio } from "@/lib/models";
import { readCappedBody } from "@/lib/read-capped";
import { invalidParam } from "./errors";

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

const tooLarge = (param: string | null, limit: number) =>
  invalidParam(param, `The request body is larger than ${Math.round(limit / 1024 / 1024) || 1} MB`, "request_too_large");

/** POST /v1/images/generations: a JSON body. */
export async function readGenerationsRequest(request: Request): Promise<OpenAiImageRequest> {
  const limit = Math.min(getConfig().bodyLimitBytes, JSON_LIMIT_BYTES);
  const body = await readCappedBody(request, limit);
  if (body === "too_large") throw tooLarge(null, limit);
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    throw invalidParam(null, "The request body must be JSON: { model, prompt, n, size, response_format }");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw invalidParam(null, "The request body must be a JSON object");
  return parseParams(json);
}

/** POST /v1/images/edits: multipart, the pictures in `image` (one) or `image[]` (several), as the SDKs send them. */
export async function readEditsRequest(request: Request): Promise<{ params: OpenAiImageRequest; references: string[] }> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw invalidParam("image", "Send the request as multipart/form-data with the pictures in the field image (or image[])");
  }
  const limit = Math.min(getConfig().bodyLimitBytes, MULTIPART_LIMIT_BYTES);
  const body = await readCappedBody(request, limit);
  if (body === "too_large") throw tooLarge("image", limit);
  const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData().catch(() => undefined);
  if (!form) throw invalidParam("image", "The multipart body could not be read");

  const fields: Record<string, string> = {};
  const files: File[] = [];
  for (const [name, value] of form.entries()) {
    if (name === "image" || name === "image[]") {
      if (typeof value === "string") throw invalidParam("image", "image must be a file (a PNG, JPEG or WebP picture)");
      files.push(value);
    } else if (name === "mask" || name === "mask[]") {
      // Leaving a mask out would change what the picture is; say so instead.
      throw invalidParam("mask", "mask is not supported: describe the change in the prompt");
    } else if (typeof value === "string") {
      // Some clients send empty fields for settings left at their default.
      if (value !== "" || name === "prompt") fields[name] = value;
    } else {
      throw invalidParam(name, `${name} must be a text field, not a file`);
    }
  }
  const params = parseParams(fields);
  if (files.length === 0) throw invalidParam("image", "image is required: one to five PNG, JPEG or WebP pictures");
  if (files.length > MAX_REFERENCES) throw invalidParam("image", `At most ${MAX_REFERENCES} images may be sent; this request has ${files.length}`);
  const references: string[] = [];
  for (const [index, file] of files.entries()) {
    references.push(await asDataUrl(file, index, files.length));
  }
  return { params, references };
}

/**
 * A picture as the data URL the studio's references take: its type from its
 * first bytes (clients often say application/octet-stream). The full check
 * (decodes, size, pixels) is storeReferences', as for every reference.
 */
async function asDataUrl(file: File, index: number, count: number): Promise<string> {
  const label = count > 1 ? `image ${index + 1}` : "image";
  if (file.size > MAX_REFERENCE_BYTES) throw invalidParam("image", `${label}: larger than 7 MB`);
  const bytes = Buffer.from(await file.arrayBuffer());
  try {
    return toDataUrl(bytes, CONTENT_TYPES[sniffFormat(bytes)]);
  } catch (error) {
    if (ImageError.is(error)) throw invalidParam("image", `${label}: ${error.message}`, "invalid_image");
    throw error;
  }
}

/** The studio's own request: `aspect_ratio` and `image_size` win over `size`; `n` is the count. */
export function toCreateInput(params: OpenAiImageRequest, references: string[] = []): CreateGenerationInput {
  return {
    model: params.model,
    prompt: params.prompt,
    aspectRatio: params.aspect_ratio ?? SIZE_TO_RATIO[params.size ?? "auto"],
    imageSize: params.image_size ?? null,
    references,
    count: params.n,
  };
}
