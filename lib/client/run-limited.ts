// Bulk actions (delete, favorite) send one request per picture, a few at a
// time: all at once would queue hundreds in the browser and hit the server's
// per-person limits; one by one would be slow.

export type Failure<T> = { item: T; error: unknown };

/** Runs `run` for every item, at most `limit` at once; answers the ones that failed, in input order. */
export async function runLimited<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<Failure<T>[]> {
  const failures: (Failure<T> | undefined)[] = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const index = next++;
      try {
        await run(items[index]);
      } catch (error) {
        failures[index] = { item: items[index], error };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return failures.filter((f): f is Failure<T> => f !== undefined);
}
