import "server-only";
import { Readable } from "node:stream";
import { closeStream, type ServedFile } from "@/lib/storage";

/**
 * Streams a stored picture. Its content never changes under its URL, so the
 * browser may keep it for a year; ETag answers revalidation with 304.
 */
export async function fileResponse(request: Request, file: ServedFile, opts: { download?: boolean } = {}): Promise<Response> {
  const headers: Record<string, string> = {
    "content-type": file.contentType,
    "cache-control": "private, max-age=31536000, immutable",
    etag: file.etag,
    "x-content-type-options": "nosniff",
  };
  if (request.headers.get("if-none-match") === file.etag) {
    await closeStream(file.stream);
    return new Response(null, { status: 304, headers });
  }
  headers["content-length"] = String(file.size);
  if (opts.download) {
    const ascii = file.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "");
    headers["content-disposition"] = `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`;
  }
  // Next answers HEAD with the GET handler and drops the body without reading
  // or cancelling it: a streamed body would hold the file open until the
  // garbage collector closed it (Node's DEP0137). Link previewers send HEAD.
  if (request.method === "HEAD") {
    await closeStream(file.stream);
    return new Response(null, { status: 200, headers });
  }
  return new Response(Readable.toWeb(file.stream) as ReadableStream, { status: 200, headers });
}
