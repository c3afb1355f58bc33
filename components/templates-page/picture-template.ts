import type { Generation } from "@/lib/contract";
import type { CreateTemplateRequest } from "@/lib/contract-templates";
import { MAX_TEMPLATE_NAME } from "@/lib/contract-values";

// What Save as template takes from a picture, and the names the page gives.

/** The `ref_…` id in a stored reference's URL (`/api/references/ref_…`, lib/generations/serialize.ts); null for a link. */
export function storedReferenceId(url: string): string | null {
  return /^\/api\/references\/(ref_[0-9A-HJKMNP-TV-Z]{26})$/.exec(url)?.[1] ?? null;
}

/**
 * The template a picture would make: its prompt and settings, one picture a
 * run, and its stored references. A Generation names its references by URL
 * only; a stored one's URL holds its id, and links (fetched once for the
 * picture, never stored under an id) stay out: `linksLeftOut` says so.
 */
export function templateFromPicture(g: Pick<Generation, "prompt" | "model" | "aspectRatio" | "imageSize" | "references">): {
  fields: Omit<CreateTemplateRequest, "name" | "visibility"> & { references: string[] };
  linksLeftOut: boolean;
} {
  const ids = g.references.map((ref) => storedReferenceId(ref.url));
  const references = ids.filter((id): id is string => id !== null);
  return {
    fields: { prompt: g.prompt, model: g.model, aspectRatio: g.aspectRatio, imageSize: g.imageSize, count: 1, references },
    linksLeftOut: references.length < ids.length,
  };
}

/**
 * A name that fits a template's (the server counts UTF-16 units, as zod's
 * max does): `whole` if it does, else cut between characters (never inside
 * a surrogate pair) with "…".
 */
export function fitName(whole: string, max = MAX_TEMPLATE_NAME): string {
  const flat = whole.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  let cut = "";
  for (const char of flat) {
    if (cut.length + char.length > max - 1) break;
    cut += char;
  }
  return `${cut}…`;
}

/** "<name> (copy)" in the page's language, the original's name shortened so the whole fits. */
export function copyName(name: string, pattern: string, max = MAX_TEMPLATE_NAME): string {
  const extra = pattern.replace("{name}", "").length;
  return pattern.replace("{name}", fitName(name, max - extra));
}
