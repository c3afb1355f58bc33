import "server-only";

/**
 * The first keys of this app's two-key advisory locks (pg_advisory_xact_lock(space, key)),
 * one number per kind of lock, kept in one list so two slices can never take
 * the same space by accident: two kinds sharing a number would make unrelated
 * transactions wait on each other (or a hash collision let one pass another's lock).
 */
export const LOCK_SPACES = {
  /** Per-person limits on generations (daily, in flight, budget, queue). */
  limits: 7_004_170,
  /** The sign-in throttle, one lock per client address. */
  login: 7_004_171,
  /** The per-person cap on boards. */
  boardCap: 7_004_172,
  /** The per-person cap on live share links. */
  shareCap: 7_004_173,
  /** The per-person cap on API tokens. */
  tokenCap: 7_004_174,
} as const;
