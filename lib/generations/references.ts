import "server-only";
import { buffer } from "node:stream/consumers";
import { referenceIdSchema, type UploadedReference } from "@/lib/contract";
import type { GenerationRow, ReferenceEntry, ReferenceRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { ImageError, extensionFor, inspectImage, parseImageDataUrl, toDataUrl, withinBytes, type ImageContentType } from "@/lib/images";
import { logger } from "@/lib/log";
import type { ServiceDeps } from "@/lib/core/deps";
import { fetchReference, ReferenceFetchError } from "@/lib/net/fetch-reference";
import { newReferenceId } from "@/lib/core/ids";
import { reserveUploadBytes, returnUploadBytes } from "./upload-allowance";

// The upstream takes references of up to 7 MB each; a bigger one would be
// refused there after we had paid the upload, so refuse it here.
export const MAX_REFERENCE_BYTES = 7 * 1024 * 1024;

type Checked = { bytes: Buffer; contentType: ImageContentType; width: number; height: number };

/** Where a problem is reported: the field's path and how a message names it. */
type Field = { path: string; label: string };

const refused = (field: Field, problem: string) =>
  new StudioError("invalid_request", `${field.label}: ${problem}`, { issues: [{ path: field.path, message: problem }] });

/** A real PNG/JPEG/WebP of at most 7 MB (and of the declared type, when one was declared). */
async function checkImage(bytes: Buffer, input: { field: Field; declaredType?: string }): Promise<Checked> {
  if (bytes.length > MAX_REFERENCE_BYTES) throw refused(input.field, "larger than 7 MB");
  try {
    const info = await inspectImage(bytes);
    if (input.declaredType && info.contentType !== input.declaredType) {
      throw refused(input.field, `says it is ${input.declaredType} but is really ${info.contentType}`);
    }
    return { bytes, contentType: info.contentType, width: info.width, height: info.height };
  } catch (error) {
    if (ImageError.is(error)) throw refused(input.field, error.message);
    throw error;
  }
}

/** The file, then its row: a row never points at a file that is not there. */
async function saveReference(deps: ServiceDeps, input: { checked: Checked; createdBy: string }): Promise<ReferenceRow> {
  const { checked } = input;
  const now = deps.now();
  const id = newReferenceId(now);
  const row: ReferenceRow = {
    id,
    storageKey: `references/${id}.${extensionFor(checked.contentType)}`,
    contentType: checked.contentType,
    bytes: checked.bytes.length,
    width: checked.width,
    height: checked.height,
    createdAt: now,
    createdBy: input.createdBy,
  };
  await deps.store.put({ key: row.storageKey, bytes: checked.bytes, contentType: checked.contentType });
  await deps.db.insertReference(row);
  return row;
}

/**
 * POST /api/references: one picture stored for later requests to name by id,
 * so it crosses the network once however often it is used.
 */
export async function uploadReference(deps: ServiceDeps, input: { bytes: Buffer; createdBy: string }): Promise<UploadedReference> {
  const checked = await checkImage(input.bytes, { field: { path: "file", label: "The file" } });
  return storeUpload(deps, { checked, createdBy: input.createdBy });
}

/**
 * POST /api/references { url }: a link checked when it is added
 * rather than at Generate. Fetched once through the private-address guard,
 * decoded, and stored as the person's upload (the upload allowance counts
 * it); the composer then names it by id. Refused with 400 naming `url`, and
 * nothing stored, when it is not a picture anyone can reach.
 */
export async function copyReferenceFromUrl(deps: ServiceDeps, input: { url: string; createdBy: string }): Promise<UploadedReference> {
  const field = { path: "url", label: "The link" };
  let fetched;
  try {
    fetched = await fetchReference(input.url, { ...deps.referenceFetch, maxBytes: MAX_REFERENCE_BYTES });
  } catch (error) {
    if (error instanceof ReferenceFetchError) throw refused(field, `could not be fetched: ${error.message}`);
    throw error;
  }
  return storeUpload(deps, { checked: await checkImage(fetched.bytes, { field }), createdBy: input.createdBy });
}

/** A checked picture counted against the person's allowance and stored; the count is given back if the write fails. */
async function storeUpload(deps: ServiceDeps, input: { checked: Checked; createdBy: string }): Promise<UploadedReference> {
  const reservation = await reserveUploadBytes(deps, { createdBy: input.createdBy, bytes: input.checked.bytes.length });
  let row: ReferenceRow;
  try {
    row = await saveReference(deps, input);
  } catch (error) {
    await returnUploadBytes(deps, reservation).catch((err: unknown) => logger.warn({ err }, "could not give back the bytes of an upload that failed"));
    throw error;
  }
  return { id: row.id, url: `/api/references/${row.id}`, width: row.width, height: row.height };
}

/**
 * An edit's first reference: the parent picture's stored original, copied
 * into a reference of the new row, so the version keeps what it was made
 * from when its parent is deleted, and Retry sends it again. It is read from
 * our storage, never fetched from the gateway again; an original over the
 * gateway's 7 MB goes as a full-size JPEG. Not an upload: the person's upload
 * allowance does not count it. The caller discards it if no row takes it.
 */
export async function storeParentOriginal(deps: ServiceDeps, input: { parent: GenerationRow; createdBy: string }): Promise<ReferenceEntry> {
  const { parent } = input;
  const object = parent.imageKey ? await deps.store.get(parent.imageKey) : undefined;
  if (!object) throw new StudioError("invalid_request", "parentId: the picture's original is not stored", { issues: [{ path: "parentId", message: "its original is not stored" }] });
  const fitted = await withinBytes(await buffer(object.stream), MAX_REFERENCE_BYTES);
  if (!fitted) throw refused({ path: "parentId", label: "The picture edited" }, "cannot be made smaller than 7 MB for the gateway");
  const checked = await checkImage(fitted.bytes, { field: { path: "parentId", label: "The picture edited" } });
  const row = await saveReference(deps, { checked, createdBy: input.createdBy });
  return { kind: "stored", id: row.id };
}

/**
 * One reference as a checked picture's data URL, nothing stored: Describe
 * (lib/prompt-help) sends it to the prompt model. A data URL is checked and
 * sent as it is, a `ref_…` id must be the caller's own upload (read from
 * storage), a link is fetched once through the private-address guard.
 */
export async function referenceAsDataUrl(
  deps: Pick<ServiceDeps, "db" | "store" | "referenceFetch">,
  input: { value: string; createdBy: string },
): Promise<string> {
  const field = { path: "reference", label: "The reference" };
  const { value } = input;
  if (value.startsWith("data:")) {
    const parsed = parseImageDataUrl(value);
    if (!parsed) throw refused(field, "not a readable data URL");
    await checkImage(parsed.bytes, { field, declaredType: parsed.declaredType });
    return value;
  }
  if (referenceIdSchema.safeParse(value).success) {
    const row = await deps.db.getReference(value);
    const object = row && row.createdBy === input.createdBy ? await deps.store.get(row.storageKey) : undefined;
    if (!row || !object) throw refused(field, "there is no uploaded reference with this id");
    return toDataUrl(await buffer(object.stream), row.contentType as ImageContentType);
  }
  let fetched;
  try {
    fetched = await fetchReference(value, { ...deps.referenceFetch, maxBytes: MAX_REFERENCE_BYTES });
  } catch (error) {
    if (error instanceof ReferenceFetchError) throw refused(field, `could not be fetched: ${error.message}`);
    throw error;
  }
  const checked = await checkImage(fetched.bytes, { field });
  return toDataUrl(checked.bytes, checked.contentType);
}

/** What one reference of a request turned out to be, before anything is written. */
type Resolved =
  | { kind: "new"; checked: Checked; dataUrl: string }
  | { kind: "copy"; url: string; checked: Checked }
  | { kind: "existing"; id: string };

async function resolveReference(deps: ServiceDeps, input: { value: string; index: number; createdBy: string; shared?: ReadonlySet<string> }): Promise<Resolved> {
  const { value, index } = input;
  const field = { path: `references.${index}`, label: `Reference ${index + 1}` };
  if (value.startsWith("data:")) {
    const parsed = parseImageDataUrl(value);
    if (!parsed) throw refused(field, "not a readable data URL");
    return { kind: "new", checked: await checkImage(parsed.bytes, { field, declaredType: parsed.declaredType }), dataUrl: value };
  }
  if (referenceIdSchema.safeParse(value).success) {
    // Someone else's upload is as unknown as a missing one: ids are not shared.
    const row = await deps.db.getReference(value);
    // …except one the template the request names carries (a teammate's upload in a team template).
    if (!row || (row.createdBy !== input.createdBy && !input.shared?.has(row.id))) throw refused(field, "there is no uploaded reference with this id");
    return { kind: "existing", id: row.id };
  }
  let fetched;
  try {
    fetched = await fetchReference(value, { ...deps.referenceFetch, maxBytes: MAX_REFERENCE_BYTES });
  } catch (error) {
    if (error instanceof ReferenceFetchError) throw refused(field, `could not be fetched: ${error.message}`);
    throw error;
  }
  return { kind: "copy", url: value, checked: await checkImage(fetched.bytes, { field }) };
}

export type StoredReferences = {
  /** One per reference, in the person's order. */
  entries: ReferenceEntry[];
  /** The ones this call wrote: only these may be discarded when the request fails (an upload given by id stays). */
  created: ReferenceEntry[];
  /**
   * The data URLs the request itself carried, by the id they were stored
   * under: the gateway is sent these very strings (checked: they decode to
   * the picture stored), not a second encoding read back from storage.
   */
  inline: ReadonlyMap<string, string>;
};

/**
 * Resolves a request's references: data URLs are checked and stored, `ref_…`
 * ids must be the caller's own uploads, http(s) URLs are fetched once and a
 * checked copy stored (the gateway is still sent the URL). Everything is
 * checked before anything is written.
 */
export async function storeReferences(
  deps: ServiceDeps,
  input: { references: string[]; createdBy: string; /** Stored ids usable whoever uploaded them (the chosen template's). */ shared?: ReadonlySet<string> },
): Promise<StoredReferences> {
  const resolved = await Promise.all(
    input.references.map((value, index) => resolveReference(deps, { value, index, createdBy: input.createdBy, shared: input.shared })),
  );
  const entries: ReferenceEntry[] = [];
  const created: ReferenceEntry[] = [];
  const inline = new Map<string, string>();
  // The request's new pictures count against the daily allowance all at once,
  // before any is written: a request is stored whole or refused whole.
  const toStore = resolved.reduce((sum, item) => sum + (item.kind === "existing" ? 0 : item.checked.bytes.length), 0);
  const reservation = await reserveUploadBytes(deps, { createdBy: input.createdBy, bytes: toStore });
  let stored = 0;
  try {
    for (const item of resolved) {
      if (item.kind === "existing") {
        entries.push({ kind: "stored", id: item.id });
        continue;
      }
      const row = await saveReference(deps, { checked: item.checked, createdBy: input.createdBy });
      stored += row.bytes;
      const entry: ReferenceEntry = item.kind === "copy" ? { kind: "stored", id: row.id, url: item.url } : { kind: "stored", id: row.id };
      entries.push(entry);
      created.push(entry);
      if (item.kind === "new") inline.set(row.id, item.dataUrl);
    }
  } catch (error) {
    // What was stored counts (and is removed again); what never was is given back.
    await returnUploadBytes(deps, reservation, toStore - stored).catch((err: unknown) => logger.warn({ err }, "could not give back the bytes of references not stored"));
    await discardReferences(deps, created).catch((err: unknown) => logger.warn({ err }, "could not discard references of a failed request"));
    throw error;
  }
  return { entries, created, inline };
}

/**
 * Undo storeReferences for references no generation ended up using. Pass
 * only what the request itself created (`StoredReferences.created`). The row
 * goes first, and the file only if it went: the foreign key refuses the
 * delete while any generation links the reference, and that file must stay.
 */
export async function discardReferences(deps: ServiceDeps, entries: ReferenceEntry[]): Promise<void> {
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

/**
 * What the gateway is sent: the request's own data URLs where it carried
 * them, else our stored files as data URLs; links as they were given (not our copies).
 */
export async function referencesForGateway(
  deps: ServiceDeps,
  entries: ReferenceEntry[],
  inline: ReadonlyMap<string, string> = new Map(),
): Promise<string[]> {
  return Promise.all(
    entries.map(async (entry) => {
      // A link goes as it was given (our copy is for the gallery): the gateway fetches it.
      if (entry.kind === "url") return entry.url;
      if (entry.url) return entry.url;
      const carried = inline.get(entry.id);
      if (carried) return carried;
      const row = await deps.db.getReference(entry.id);
      const object = row && (await deps.store.get(row.storageKey));
      if (!row || !object) throw new StudioError("invalid_request", "A reference image of this generation is no longer stored");
      return toDataUrl(await buffer(object.stream), row.contentType as ImageContentType);
    }),
  );
}
