import "server-only";

/**
 * Fixed-window request counters every instance shares (lib/server/rate-limit.ts
 * createSharedRateLimiter): each count is one statement, so concurrent
 * requests on several instances cannot pass a limit together.
 */
export interface CountersStore {
  /** One more request under `key` in the window starting at `windowStart`: the count after it. */
  incrementRateCounter(input: { key: string; windowStart: number }): Promise<number>;
  /** Forgets windows that started before `windowStart`; how many rows went. */
  deleteRateCountersBefore(windowStart: number): Promise<number>;
}
