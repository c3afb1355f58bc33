"use client";
import { ApiError } from "@/lib/client/api";
import type { ReferenceFileError, ReferenceProblem } from "@/lib/client/downscale";
import type { Dictionary } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import type { ReferenceItem } from "./composer-api";
import { uploadRefusal } from "./describe-failure";

// Where references come from (files, links, the studio's own stored pictures)
// and the messages about them, kept as keys so a language switch re-renders them.

/** The downscaler is code for the first reference picked, not for the page's first paint. */
export const loadDownscale = () => import("@/lib/client/downscale");

export type NoteKey = keyof Dictionary["composer"];
type NoteValues = Record<string, string | number>;
/** A message of the composer's dictionary. */
export type ComposerNote = { key: NoteKey; values?: NoteValues };
/** One of those, or (with `section`) one of the template blanks' dictionary. */
export type Note = ComposerNote | { section: "templateBlanks"; key: keyof Dictionary["templateBlanks"]; values?: NoteValues };

export function noteText(note: Note, t: Dictionary): string {
  return format("section" in note ? t.templateBlanks[note.key] : t.composer[note.key], note.values ?? {});
}

const PROBLEM_KEYS: Record<ReferenceProblem, NoteKey> = {
  heic: "heic",
  notImage: "notImage",
  unreadable: "unreadable",
  tooLarge: "tooLarge",
};

export function problemNote(reason: ReferenceProblem, name: string): ComposerNote {
  return { key: PROBLEM_KEYS[reason], values: { name } };
}

export function tooManyNote(names: string[], max: number): ComposerNote {
  return { key: names.length === 1 ? "tooManyOne" : "tooManyMany", values: { max, names: names.join(", ") } };
}

let counter = 0;
/** Local ids for React keys; crypto.randomUUID is missing on plain-http LAN addresses. */
export function newLocalId(): string {
  counter += 1;
  return `ref-${Date.now().toString(36)}-${counter}`;
}

/** http(s) and no credentials: what the API accepts as a link reference. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password;
  } catch {
    return false;
  }
}

export function nameFromUrl(value: string): string {
  try {
    const url = new URL(value, "http://studio.local");
    const last = decodeURIComponent(url.pathname.split("/").filter(Boolean).pop() ?? "");
    return last || url.hostname;
  } catch {
    return value;
  }
}

export function urlItem(url: string): ReferenceItem {
  return { id: newLocalId(), value: url, preview: url, name: nameFromUrl(url) };
}

/** A link being checked and stored by the studio: no picture to show until it answers. */
export function linkItem(url: string): ReferenceItem {
  return { id: newLocalId(), value: "", preview: "", name: nameFromUrl(url), source: url, upload: { state: "uploading" } };
}

/** Why the studio would not take a link: its reason (the field's issue), the upload allowance, or the network. */
export function linkRefusalNote(error: unknown, t: Dictionary["composer"]): ComposerNote {
  if (!(error instanceof ApiError) || error.code === "network_error") return { key: "linkNetwork" };
  const reason = error.code === "quota_exceeded" ? uploadRefusal(error, t) : (error.issues[0]?.message ?? error.message);
  return { key: "linkRefused", values: { reason } };
}

/**
 * A file scaled down, ready to upload (its `value`, the `ref_…` id, comes when
 * the upload answers); throws ReferenceFileError.
 */
export async function fileItem(file: Blob, name: string): Promise<ReferenceItem> {
  const prepared = await (await loadDownscale()).prepareReference(file, name);
  return { id: newLocalId(), value: "", preview: prepared.dataUrl, name, bytes: prepared.bytes, upload: { state: "uploading" } };
}

/** One of the studio's own pictures (`/api/images/…`, `/api/references/…`), fetched by this browser to upload as a reference. */
export async function storedItem(url: string, name: string): Promise<ReferenceItem> {
  const res = await fetch(url, { credentials: "same-origin" });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return fileItem(await res.blob(), name);
}

/** Where a stored upload (`ref_…`) is served; its uploader (or an admin) may read it. */
export const storedReferenceUrl = (id: string) => `/api/references/${encodeURIComponent(id)}`;

/**
 * One of the person's own stored uploads, named by its id as it is: nothing
 * to fetch or upload again (a template's references, for its owner).
 */
export function ownStoredItem(id: string, name: string): ReferenceItem {
  return { id: newLocalId(), value: id, preview: storedReferenceUrl(id), name };
}

/** The bytes of a data URL (the page's CSP lets fetch() load none). */
export function dataUrlToBlob(dataUrl: string): Blob {
  const comma = dataUrl.indexOf(",");
  const type = /^data:([^;,]+)/.exec(dataUrl)?.[1] ?? "application/octet-stream";
  const binary = atob(dataUrl.slice(comma + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** Why something could not be added, as a note. */
export function failureNote(error: unknown, name: string): ComposerNote {
  if (error instanceof Error && error.name === "ReferenceFileError") return problemNote((error as ReferenceFileError).reason, name);
  return { key: "fetchFailed" };
}

/** A short, recognisable name for a generated picture. */
export function pictureName(prompt: string): string {
  const text = prompt.trim().replace(/\s+/g, " ");
  return `“${text.length > 32 ? `${text.slice(0, 31)}…` : text}”`;
}
