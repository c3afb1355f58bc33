import pLimit from "p-limit";

// Bulk actions (delete, favorite) send one request per picture, a few at a
// time: all at once would queue hundreds in the browser and hit the server's
// per-person limits; one by one would be slow.

export type Failure<T> = { item: T; error: unknown };

/** Runs `run` for every item, at most `limit` at once (p-limit); answers the ones that failed, in input order. */
export async function runLimited<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<Failure<T>[]> {
  const gate = pLimit(Math.max(1, limit));
  const outcomes = await Promise.all(
    items.map((item) =>
      gate(() => run(item)).then(
        () => undefined,
        (error: unknown): Failure<T> => ({ item, error }),
      ),
    ),
  );
  return outcomes.filter((f): f is Failure<T> => f !== undefined);
}
