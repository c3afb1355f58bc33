import "server-only";
import { ACTIVE_STATUSES } from "@/lib/contract";
import type { GenerationRow, StudioDatabase } from "@/lib/db";

// A /v1 request answers only when its pictures are done, but the studio's
// poller does all the work: it asks the gateway and stores the pictures. The
// waiting request only reads its rows back from the database now and then,
// so a hundred waiting requests cost the gateway nothing, a request that goes
// away loses nothing, and another instance may be the one that finishes them.

export const WAIT_STEP_MS = 500;

/** Where each generation ended: only what the answer needs, not the rows. */
export type Ended = { id: string; status: "completed" | "failed"; errorCode: string | null; errorMessage: string | null };

export type WaitOutcome =
  | { kind: "ended"; generations: Ended[] }
  | { kind: "timeout"; pending: string[] }
  | { kind: "aborted" };

const ended = (row: GenerationRow): Ended => ({
  id: row.id,
  status: row.status === "completed" ? "completed" : "failed",
  errorCode: row.errorCode,
  errorMessage: row.errorMessage,
});

/** Resolves after `ms`, or early (false) when the signal aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (value: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve(value);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Until every generation is completed or failed, `timeoutMs` passes, or the
 * client goes away (`signal`). A generation deleted meanwhile counts as failed.
 */
export async function waitForGenerations(input: {
  db: Pick<StudioDatabase, "getGenerations">;
  ids: string[];
  timeoutMs: number;
  signal?: AbortSignal;
  stepMs?: number;
  now?: () => number;
}): Promise<WaitOutcome> {
  const now = input.now ?? Date.now;
  const deadline = now() + input.timeoutMs;
  const step = input.stepMs ?? WAIT_STEP_MS;
  for (;;) {
    if (input.signal?.aborted) return { kind: "aborted" };
    const rows = new Map((await input.db.getGenerations(input.ids)).map((row) => [row.id, row]));
    const pending = input.ids.filter((id) => {
      const row = rows.get(id);
      return row !== undefined && ACTIVE_STATUSES.includes(row.status);
    });
    if (pending.length === 0) {
      return {
        kind: "ended",
        generations: input.ids.map(
          (id) => (rows.has(id) ? ended(rows.get(id)!) : { id, status: "failed", errorCode: "deleted", errorMessage: "The picture was deleted" }),
        ),
      };
    }
    const left = deadline - now();
    if (left <= 0) return { kind: "timeout", pending };
    if (!(await pause(Math.min(step, left), input.signal))) return { kind: "aborted" };
  }
}
