import "server-only";
import { StudioError } from "@/lib/errors";
import { extensionFor } from "@/lib/images";
import type { ServedFile } from "@/lib/storage";
import type { ServiceDeps } from "@/lib/core/deps";
import type { Person } from "@/lib/core/person";
import { openPreview } from "./preview";


/** A readable file name from the prompt: letters of any script, digits, dashes. */
export function fileNameFor(prompt: string, id: string, ext: string): string {
  const words = prompt
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${words || "picture"}-${id.slice(-6).toLowerCase()}.${ext}`;
}


/** Our stored copy of a picture. The type was recorded from the decoded bytes. */
export async function openImage(deps: ServiceDeps, input: { id: string; variant: "full" | "thumb" | "preview" }): Promise<ServedFile> {
  const row = await deps.db.getGeneration(input.id);
  const key = input.variant === "thumb" ? row?.thumbKey : row?.imageKey;
  if (!row || !key || row.status !== "completed") throw new StudioError("not_found", "This generation has no stored picture");
  const object = input.variant === "preview" ? await openPreview(deps, { id: row.id, imageKey: key, thumbKey: row.thumbKey }) : await deps.store.get(key);
  if (!object) throw new StudioError("not_found", "The stored picture is missing");
  const contentType = input.variant === "full" ? (row.imageContentType ?? "application/octet-stream") : "image/webp";
  return {
    ...object,
    contentType,
    etag: `"${row.id}-${input.variant}-${object.size}"`,
    fileName: fileNameFor(row.prompt, row.id, extensionFor(contentType)),
  };
}

/**
 * A stored reference, for its uploader, an admin, or anyone when a finished
 * picture uses it (the viewer shows those to the team, and Remix reuses
 * them). The references of a picture that was not made stay their
 * uploader's: the gallery shows nobody else what they were.
 */
export async function openReference(deps: ServiceDeps, input: { id: string; viewer: Person }): Promise<ServedFile> {
  const row = await deps.db.getReference(input.id);
  if (!row) throw new StudioError("not_found", "There is no stored reference image with this id");
  const { viewer } = input;
  // Also one a template the viewer sees carries: it comes along into their composer.
  const shown =
    row.createdBy === viewer.name ||
    viewer.role === "admin" ||
    (await deps.db.referenceUsedByCompleted(row.id)) ||
    (await deps.db.referenceInVisibleTemplate({ referenceId: row.id, viewerId: viewer.id }));
  if (!shown) {
    throw new StudioError(
      "forbidden",
      "Only the person who uploaded this reference, or an admin, can open it: it is one of the references of a picture that was not made",
    );
  }
  const object = await deps.store.get(row.storageKey);
  if (!object) throw new StudioError("not_found", "There is no stored reference image with this id");
  return { ...object, contentType: row.contentType, etag: `"${row.id}-${object.size}"`, fileName: `reference-${row.id.slice(-6).toLowerCase()}.${extensionFor(row.contentType)}` };
}
