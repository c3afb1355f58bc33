// The plain values of the studio's API contract (lib/contract.ts re-exports
// them), in a module without zod: the studio page's first-load code needs
// these, and zod itself comes only with the first answer to check
// (lib/client/api.ts loads the schemas on demand).

export const GENERATION_STATUSES = ["submitting", "queued", "processing", "completed", "failed"] as const;
export type GenerationStatus = (typeof GENERATION_STATUSES)[number];
export const ACTIVE_STATUSES: readonly GenerationStatus[] = ["submitting", "queued", "processing"];

/** Error codes a card treats specially (the rest are the gateway's own words). */
export const UNKNOWN_OUTCOME_CODE = "unknown_outcome";
export const CANCELLED_CODE = "cancelled";
export const NOT_SENT_CODE = "not_sent";

/** The page the studio's gallery asks for (and the studio page sends with its HTML). */
export const GALLERY_PAGE_SIZE = 24;

// Boards, batches, sharing, bulk (issue 14).
export const MAX_BOARD_NAME = 100;
/** The most pictures one bulk request (board items, a ZIP download) names. */
export const MAX_BULK_IDS = 200;
export const BOARD_VISIBILITIES = ["team", "private"] as const;
/** Boards and share links a list answers at once (issue 21): the default page, and the most one may ask for. */
export const LIST_PAGE_SIZE = 50;
export const MAX_LIST_PAGE_SIZE = 200;
export type BoardVisibility = (typeof BOARD_VISIBILITIES)[number];
