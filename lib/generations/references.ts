import "server-only";
import { buffer } from "node:stream/consumers";
import type { ReferenceEntry } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { ImageError, extensionFor, inspectImage, parseImageDataUrl, toDataUrl, type ImageContentType } from "@/lib/images";
import type { GenerationDeps } from "./deps";
import { newReferenceId } from "./ids";

// The upstream takes references of up to 7 MB each; a bigger one would be
// refused there after we had paid the upload, so refuse it here.
export const MAX_REFERENCE_BYTES = 7 * 1024 * 1024;


type Checked = { bytes: Buffer; contentType: string; width: number; height: number };

/** Decode and check every data URL before anything is written. */
async function checkDataUrl(value: string, index: number): Promise<Checked> {
  const where = `references.${index}`;
  const parsed = parseImageDataUrl(value);
  if (!parsed) throw new StudioError("invalid_request", `Reference ${index + 1} is not a readable data URL`, { issues: [{ path: where, message: "unreadable data URL" }] });
  if (parsed.bytes.length > MAX_REFERENCE_BYTES) {
    throw new StudioError("invalid_request", `Reference ${index + 1} is larger than 7 MB`, { issues: [{ path: where, message: "larger than 7 MB" }] });
  }
  try {
    const info = await inspectImage(parsed.bytes);
    if (info.contentType !== parsed.declaredType) {
      const message = `Reference ${index + 1} says it is ${parsed.declaredType} but is really ${info.contentType}`;
      throw new StudioError("invalid_request", message, { issues: [{ path: where, message }] });
    }
    return { bytes: parsed.bytes, contentType: info.contentType, width: info.width, height: info.height };
  } catch (error) {
    if (ImageError.is(error)) {
      const message = `Reference ${index + 1}: ${error.message}`;
      throw new StudioError("invalid_request", message, { issues: [{ path: where, message: error.message }] });
    }
    throw error;
  }
}

/**
 * Stores each data-URL reference as a file and a row; http(s) URLs are kept as
 * they are (the studio never fetches them: the gateway does).
 */
export async function storeReferences(
  deps: GenerationDeps,
  input: { references: string[]; createdBy: string },
): Promise<ReferenceEntry[]> {
  const checked = await Promise.all(
    input.references.map((value, i) => (value.startsWith("data:") ? checkDataUrl(value, i) : Promise.resolve(value))),
  );
  const entries: ReferenceEntry[] = [];
  for (const item of checked) {
    if (typeof item === "string") {
      entries.push({ kind: "url", url: item });
      continue;
    }
    const now = deps.now();
    const id = newReferenceId(now);
    const storageKey = `references/${id}.${extensionFor(item.contentType)}`;
    await deps.store.put({ key: storageKey, bytes: item.bytes, contentType: item.contentType });
    await deps.db.insertReference({ id, storageKey, contentType: item.contentType, bytes: item.bytes.length, width: item.width, height: item.height, createdAt: now, createdBy: input.createdBy });
    entries.push({ kind: "stored", id });
  }
  return entries;
}

/**
 * Undo storeReferences for references no generation ended up using. The row
 * goes first, and the file only if it went: the foreign key refuses the delete
 * while any generation links the reference, and that file must stay.
 */
export async function discardReferences(deps: GenerationDeps, entries: ReferenceEntry[]): Promise<void> {
  for (const entry of entries) {
    if (entry.kind !== "stored") continue;
    const row = await deps.db.getReference(entry.id);
    if (!row) continue;
    const unused = await deps.db.deleteReference(entry.id).then(
      () => true,
      () => false,
    );
    if (unused) await deps.store.delete(row.storageKey);
  }
}

/** What the gateway is sent: our stored files as data URLs, other URLs unchanged. */
export async function referencesForGateway(deps: GenerationDeps, entries: ReferenceEntry[]): Promise<string[]> {
  return Promise.all(
    entries.map(async (entry) => {
      if (entry.kind === "url") return entry.url;
      const row = await deps.db.getReference(entry.id);
      const object = row && (await deps.store.get(row.storageKey));
      if (!row || !object) throw new StudioError("invalid_request", "A reference image of this generation is no longer stored");
      return toDataUrl(await buffer(object.stream), row.contentType as ImageContentType);
    }),
  );
}
