import { getConfig } from "@/lib/config";
import { referenceUrlRequestSchema } from "@/lib/contract";
import { StudioError, validationError } from "@/lib/errors";
import { copyReferenceFromUrl, MAX_REFERENCE_BYTES, uploadReference } from "@/lib/generations";
import { readCappedBody } from "@/lib/read-capped";
import { getDeps } from "@/lib/wiring";
import { JSON_BODY_LIMIT } from "@/lib/server/body-limit";
import { json, readJsonBody } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

// One picture is at most 7 MB; room for the multipart framing on top. A bigger
// body is refused as soon as it passes this, never buffered whole.
const FRAMING_BYTES = 64 * 1024;

const needFile = () =>
  new StudioError("invalid_request", "Send one picture as multipart/form-data in the field file, or JSON { url } for a link", {
    issues: [{ path: "file", message: "a PNG, JPEG or WebP file is required" }],
  });

/** A link to check and store: the JSON is a few hundred bytes, however large the route's limit. */
async function copyLink(request: Request, user: string): Promise<Response> {
  const body = referenceUrlRequestSchema.safeParse(await readJsonBody(request, JSON_BODY_LIMIT));
  if (!body.success) throw validationError(body.error);
  return json(await copyReferenceFromUrl(await getDeps(), { url: body.data.url, createdBy: user }), { status: 201 });
}

/**
 * POST /api/references → 201 { id, url, width, height }: multipart with the
 * picture in field `file`, or JSON { url } for a link the studio fetches and
 * stores. Who may call: a signed-in person or their token.
 */
export const POST = apiRoute(async ({ request, user }) => {
  const contentType = request.headers.get("content-type") ?? "";
  if (/^application\/json\s*(;|$)/i.test(contentType)) return copyLink(request, user);
  if (!/^multipart\/form-data\s*;/i.test(contentType)) throw needFile();
  const limit = Math.min(getConfig().bodyLimitBytes, MAX_REFERENCE_BYTES + FRAMING_BYTES);
  const body = await readCappedBody(request, limit);
  if (body === "too_large") {
    throw new StudioError("payload_too_large", `A reference image may be at most ${MAX_REFERENCE_BYTES / 1024 / 1024} MB`, {
      issues: [{ path: "file", message: "larger than 7 MB" }],
    });
  }
  const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData().catch(() => undefined);
  const file = form?.get("file");
  if (!file || typeof file === "string") throw needFile();
  const bytes = Buffer.from(await file.arrayBuffer());
  return json(await uploadReference(await getDeps(), { bytes, createdBy: user }), { status: 201 });
}, { maxBodyBytes: MAX_REFERENCE_BYTES + FRAMING_BYTES, tooLargeMessage: `A reference image may be at most ${MAX_REFERENCE_BYTES / 1024 / 1024} MB` });
