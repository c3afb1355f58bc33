import "server-only";
import { StudioError } from "@/lib/errors";
import { processSingleton } from "@/lib/singleton";

// /v1/images/edits holds up to five pictures in memory (as bytes, then as
// data URLs) from the first byte read until the generations are created and
// submitted. Each person may have only a few such requests at once in this
// process; the wait for the pictures afterwards holds nothing big and is not
// counted. In-process on purpose: the memory it protects is this process's.

const held = processSingleton("openai-edit-slots", () => new Map<string, number>());

/** How many edits `person` has being read or submitted right now (for tests and logs). */
export const editsInProgress = (person: string) => held.get(person) ?? 0;

/** Runs `work` in one of the person's `max` slots, or refuses (429) without reading the request's body. */
export async function withEditSlot<T>(input: { person: string; max: number; request: Request }, work: () => Promise<T>): Promise<T> {
  const { person, max } = input;
  const now = editsInProgress(person);
  if (now >= max) {
    await input.request.body?.cancel().catch(() => {});
    throw new StudioError(
      "rate_limited",
      `Too many picture edits at once: ${now} of yours are still being uploaded or sent (at most ${max}). Try again when one is done.`,
      { retryAfterSeconds: 5 },
    );
  }
  held.set(person, now + 1);
  try {
    return await work();
  } finally {
    const left = editsInProgress(person) - 1;
    if (left > 0) held.set(person, left);
    else held.delete(person);
  }
}
