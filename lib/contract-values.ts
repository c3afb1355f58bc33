// The plain values of the studio's API contract (lib/contract.ts re-exports
// them), in a module without zod: the studio page's first-load code needs
// these, and zod itself comes only with the first answer to check
// (lib/client/api.ts loads the schemas on demand).

/**
 * `waiting`: past the person's in-flight cap, queued on the
 * studio's side, not sent nor billed yet; `submitting → …` starts when the
 * poller gives it a slot.
 */
export const GENERATION_STATUSES = ["waiting", "submitting", "queued", "processing", "completed", "failed"] as const;
export type GenerationStatus = (typeof GENERATION_STATUSES)[number];
/** Not ended yet: what `?status=active` lists and what the page keeps polling. */
export const ACTIVE_STATUSES: readonly GenerationStatus[] = ["waiting", "submitting", "queued", "processing"];
/** Sent (or being sent) to the gateway: what the in-flight cap counts. A waiting row is not in flight. */
export const IN_FLIGHT_STATUSES: readonly GenerationStatus[] = ["submitting", "queued", "processing"];

/** Error codes a card treats specially (the rest are the gateway's own words). */
export const UNKNOWN_OUTCOME_CODE = "unknown_outcome";
export const CANCELLED_CODE = "cancelled";
export const NOT_SENT_CODE = "not_sent";
/** A waiting picture cancelled before it was sent: free, nothing reached the gateway. */
export const CANCELLED_WAITING_CODE = "cancelled_waiting";

/**
 * A generation's id: `gen_` and a ULID, sorting by creation time. A retry
 * takes its failed generation's place: its id is the failed one's
 * with a "0" added, which sorts right after it and before any later id; a
 * retry of that adds another. Past MAX_IN_PLACE_RETRIES a retry gets a new id.
 */
export const GENERATION_ID = /^gen_[0-9A-HJKMNP-TV-Z]{26}0{0,24}$/;
export const MAX_IN_PLACE_RETRIES = 24;
/** A template's id (`tpl_` + a ULID) and a bulk run's (`run_` + a ULID). */
export const TEMPLATE_ID = /^tpl_[0-9A-HJKMNP-TV-Z]{26}$/;
export const RUN_ID = /^run_[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * The long side of a picture's smaller renditions (GET /api/images/{id}?variant=…):
 * the gallery's srcset picks the smallest that is not smaller than its tile
 *; the original is the largest.
 */
export const THUMB_SIDE = 512;
export const PREVIEW_SIDE = 1024;

/** The page the studio's gallery asks for (and the studio page sends with its HTML). */
export const GALLERY_PAGE_SIZE = 24;

// Boards, batches, sharing, bulk.
export const MAX_BOARD_NAME = 100;
/** The most pictures one bulk request (board items, a ZIP download) names. */
export const MAX_BULK_IDS = 200;
export const BOARD_VISIBILITIES = ["team", "private"] as const;
/** Boards and share links a list answers at once: the default page, and the most one may ask for. */
export const LIST_PAGE_SIZE = 50;
export const MAX_LIST_PAGE_SIZE = 200;
export type BoardVisibility = (typeof BOARD_VISIBILITIES)[number];

/**
 * The words of a search: `GET /api/generations?q=` matches the
 * pictures whose prompt holds every one of them, in any order, each as a part
 * of the prompt (case-insensitive; Chinese and other text without spaces is
 * matched by characters). Words are split on any whitespace (the ideographic
 * space too); everything else, punctuation and quotes included, is part of a
 * word and matched as it is.
 */
export function searchWords(q: string): string[] {
  return [...new Set(q.split(/\s+/u).filter((word) => word.length > 0))];
}

/** Whether a prompt holds every word of q (the browser's copy of the server's rule, for pictures it already has). */
export function promptMatches(prompt: string, q: string): boolean {
  const text = prompt.toLowerCase();
  return searchWords(q.toLowerCase()).every((word) => text.includes(word));
}

/** The most ids one GET /api/generations/ids answers ("select all N matching"). */
export const MAX_MATCHING_IDS = 1_000;

/** A password's least length, in characters (code points). */
export const PASSWORD_MIN_LENGTH = 10;

// Templates (issue 24): the name's cap and a prompt's {blanks}.
export const MAX_TEMPLATE_NAME = 100;

/**
 * A template's blanks: each `{name}` in the prompt (letters and digits of any
 * script and `_`), in order of first appearance, each once.
 */
export function templateVariables(prompt: string): string[] {
  return [...new Set(Array.from(prompt.matchAll(/\{([\p{L}\p{N}_]+)\}/gu), (m) => m[1]!))];
}

/**
 * The prompt with each `{name}` blank replaced by its value (the composer's
 * inline fields and each row of a run). A blank with no value stays as
 * written, so a caller can tell what is still missing.
 */
export function fillBlanks(prompt: string, values: Readonly<Record<string, string>>): string {
  return prompt.replace(/\{([\p{L}\p{N}_]+)\}/gu, (whole, name: string) => (Object.hasOwn(values, name) ? values[name]! : whole));
}

// Runs from a table (issue 24).
/** At most this many rows (pictures: rows × the template's count) in one run. */
export const MAX_RUN_ROWS = 100;
/** A pasted table or dropped .csv: 100 rows of long values fit with room. */
export const MAX_RUN_TABLE_CHARS = 200_000;
/** One value of one blank. */
export const MAX_RUN_VALUE_CHARS = 2_000;
