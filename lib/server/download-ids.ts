import "server-only";
import { getConfig } from "@/lib/config";
import { downloadIdsSchema, downloadRunSchema } from "@/lib/contract";
import { StudioError, validationError } from "@/lib/errors";
import { readCappedBody } from "@/lib/read-capped";
import { readJsonBody } from "./http";

const FORM = "application/x-www-form-urlencoded";

/**
 * The ids of POST /api/downloads, from JSON `{ generationIds: [...] }` or from
 * a plain HTML form (`generationIds` repeated, or one comma-separated value).
 * The form is how the browser downloads: it then streams the answer to disk
 * instead of holding the whole archive in the page's memory.
 */
export async function readDownloadIds(request: Request): Promise<{ ids: string[] } | { runId: string }> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const body = type === FORM ? await readForm(request) : await readJsonBody(request);
  // Read as the shape it names, so an error says what is wrong with it (a union's would not).
  if (typeof body === "object" && body !== null && "runId" in body) {
    const parsed = downloadRunSchema.safeParse(body);
    if (!parsed.success) throw validationError(parsed.error);
    return { runId: parsed.data.runId };
  }
  const parsed = downloadIdsSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return { ids: parsed.data.generationIds };
}

async function readForm(request: Request): Promise<{ generationIds: string[] } | { runId: string }> {
  const limit = getConfig().bodyLimitBytes;
  const bytes = await readCappedBody(request, limit);
  if (bytes === "too_large") throw new StudioError("payload_too_large", `The request body is larger than ${Math.round(limit / 1024 / 1024)} MB`);
  // Other fields (a submit button's name, say) are not ours to refuse.
  const form = new URLSearchParams(bytes.toString("utf8"));
  const runId = form.get("runId");
  if (runId !== null) return { runId };
  const values = form.getAll("generationIds");
  const generationIds = values.flatMap((value) => value.split(",")).map((id) => id.trim()).filter(Boolean);
  return { generationIds };
}
