import type { Generation } from "@/lib/contract";
import { ACTIVE_STATUSES } from "@/lib/contract-values";
import type { Dictionary } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";

// What a screen reader hears when pictures finish: the
// gallery's polite live region says "Finished: <prompt>" or "Failed:
// <prompt>: <reason>" once per request, when the last of its pictures that
// were seen in progress has ended. Pictures that were done when the page
// loaded are never announced, and a poll that changes nothing says nothing.

/** What became of one batch's pictures that were seen in progress. */
export type Outcome = { prompt: string; total: number; done: number; failed: Generation[] };

export type Watching = {
  /** In progress when last seen: id → batch. */
  active: ReadonlyMap<string, string>;
  /** Batches some of whose pictures ended, waiting for the rest. */
  ended: ReadonlyMap<string, Outcome>;
};

type Phase = "active" | "done" | "failed";

function phaseOf(g: Generation): Phase {
  if (ACTIVE_STATUSES.includes(g.status)) return "active";
  if (g.status === "completed" && g.image) return "done";
  // Made by the gateway and still being copied: not ended yet.
  if (g.saving !== null) return "active";
  return "failed";
}

/** What the page shows as it loads: only what is in progress will be announced. */
export function startWatching(items: readonly Generation[]): Watching {
  return noticeOutcomes({ active: new Map(), ended: new Map() }, items).state;
}

/** The batches that ended since `state`, and the state to keep. */
export function noticeOutcomes(state: Watching, items: readonly Generation[]): { state: Watching; outcomes: Outcome[] } {
  const active = new Map(state.active);
  const ended = new Map(state.ended);
  const byId = new Map(items.map((g) => [g.id, g]));
  for (const g of items) if (phaseOf(g) === "active") active.set(g.id, g.batchId);
  for (const [id, batch] of active) {
    const g = byId.get(id);
    // Deleted, replaced or filtered away: nothing to wait for.
    if (!g) {
      active.delete(id);
      continue;
    }
    const phase = phaseOf(g);
    if (phase === "active") continue;
    active.delete(id);
    const so = ended.get(batch) ?? { prompt: g.prompt, total: 0, done: 0, failed: [] };
    ended.set(batch, {
      ...so,
      total: so.total + 1,
      done: so.done + (phase === "done" ? 1 : 0),
      failed: phase === "failed" ? [...so.failed, g] : so.failed,
    });
  }
  const waiting = new Set(active.values());
  const outcomes: Outcome[] = [];
  for (const [batch, outcome] of ended) {
    if (waiting.has(batch)) continue;
    outcomes.push(outcome);
    ended.delete(batch);
  }
  return { state: { active, ended }, outcomes };
}

/** The words for one batch's outcome; `reason` says why a picture failed (in the person's language). */
export function outcomeText(input: { outcome: Outcome; t: Dictionary; reason: (g: Generation) => string }): string {
  const { outcome, t, reason } = input;
  const A = t.gallery.announce;
  const prompt = outcome.prompt.replace(/\s+/g, " ").trim();
  const words = { prompt: prompt.length > 100 ? `${prompt.slice(0, 99)}…` : prompt, count: outcome.total, done: outcome.done };
  const why = outcome.failed[0] ? reason(outcome.failed[0]) : "";
  if (outcome.failed.length === 0) return format(outcome.total === 1 ? A.finishedOne : A.finishedMany, words);
  if (outcome.done === 0) return format(outcome.total === 1 ? A.failedOne : A.failedMany, { ...words, reason: why });
  return format(A.finishedSome, { ...words, failed: outcome.failed.length, reason: why });
}
