import "server-only";
import { UNKNOWN_OUTCOME_CODE } from "@/lib/contract";
import type { ImageSize, ModelId } from "@/lib/models";
import { priceOf, roundMoney } from "@/lib/pricing";
import type { GenerationPatch, GenerationRow, IdempotencyInput, InsertLimits, LimitRefusal } from "./port";

// What both engines decide alike about the generations' rows: the rules
// behind their writes (each engine reads the row or the counts under its own
// locks, SQLite's one writer or PostgreSQL's row and advisory locks, then asks
// these what to write), and the order a read by ids answers in.

/**
 * Which limit `count` new rows would pass, given what the person has used:
 * the daily one first, then the active one, then the budget (only with
 * `limits.budget`, and `spent`, the month's spending so far, read with it).
 */
export function limitRefusal(input: AdmissionInput): LimitRefusal | undefined {
  const decision = admission(input);
  return "refused" in decision ? decision.refused : undefined;
}

type AdmissionInput = {
  usedToday: number;
  /** In flight now (the cap's count). */
  active: number;
  /** Waiting for a slot now; 0 when absent. */
  waiting?: number;
  count: number;
  limits: InsertLimits;
  spent?: number;
};

/**
 * Where `count` new rows go: refused (which limit), or admitted
 * with the last `wait` of them waiting for a slot. While anything waits, new
 * rows wait behind it (first come, first sent); otherwise the free slots are
 * used and only the rest waits, up to `limits.maxQueued` waiting in all.
 * Without a queue (maxQueued absent or 0) that is the old rule: past the cap,
 * refused whole.
 */
export function admission(input: AdmissionInput): { refused: LimitRefusal } | { wait: number } {
  const { usedToday, active, count, limits, spent = 0 } = input;
  const waiting = input.waiting ?? 0;
  const queue = limits.maxQueued ?? 0;
  // The refusal names what waits only where a queue applies.
  const seen = queue > 0 ? { usedToday, active, waiting } : { usedToday, active };
  if (usedToday + count > limits.daily) return { refused: { limit: "daily", ...seen } };
  const free = Math.max(0, limits.maxActive - active);
  const wait = count - (waiting > 0 ? 0 : Math.min(count, free));
  if (wait > 0 && waiting + wait > queue) return { refused: { limit: "active", ...seen } };
  if (limits.budget && overBudget(spent, limits.budget)) return { refused: { limit: "budget", ...seen, spent } };
  return { wait };
}

/**
 * Which of a person's waiting rows (next first) the queue sends now: as many
 * as `free` slots, each, under a budget, only if it still fits (the month's
 * charged spending, plus the rows sent before it, plus its price); one that
 * does not is named with the spending it met and skipped (it takes no slot).
 */
export function queuePlan<Row extends { model: ModelId; imageSize: ImageSize | null }>(input: {
  waiting: readonly Row[];
  free: number;
  budget?: { amount: number; prices: Record<string, number>; spent: number };
}): { send: Row[]; overBudget: { row: Row; spent: number }[] } {
  const send: Row[] = [];
  const over: { row: Row; spent: number }[] = [];
  let spent = input.budget?.spent ?? 0;
  for (const row of input.waiting) {
    if (send.length >= input.free) break;
    if (input.budget) {
      const cost = priceOf(input.budget.prices, row.model, row.imageSize);
      if (overBudget(spent, { amount: input.budget.amount, cost })) {
        over.push({ row, spent });
        continue;
      }
      spent = roundMoney(spent + cost);
    }
    send.push(row);
  }
  return { send, overBudget: over };
}

/**
 * Spending exactly the budget is allowed. Both sides are rounded first, so
 * that float sums (0.1 + 0.2) cannot refuse a picture that fits to the cent.
 */
function overBudget(spent: number, budget: { amount: number; cost: number }): boolean {
  return roundMoney(spent + budget.cost) > roundMoney(budget.amount);
}

/** What a person's pictures cost, counted per (model, size) as the budget query groups them. */
export function spentOn(groups: readonly { model: ModelId; imageSize: ImageSize | null; count: number }[], prices: Record<string, number>): number {
  return roundMoney(groups.reduce((sum, group) => sum + priceOf(prices, group.model, group.imageSize) * group.count, 0));
}

/**
 * What recording a gateway task id does to the row as it is now. A row still
 * submitting, or failed meanwhile as an unknown outcome, goes (back) to
 * polling; any other row without a task id (one failed by an older studio's
 * cancel, say) only gets the id, for the record; a row that has one already is
 * left alone (`set` empty).
 */
export function submissionChange(
  before: Pick<GenerationRow, "upstreamId" | "status" | "errorCode">,
  input: { upstreamId: string; status: "queued" | "processing"; progress: number; now: number },
): { set: GenerationPatch; revived: boolean; polling: boolean } {
  const { upstreamId, status, progress, now } = input;
  if (before.upstreamId !== null) return { set: {}, revived: false, polling: false };
  const failedUnknown = before.status === "failed" && before.errorCode === UNKNOWN_OUTCOME_CODE;
  if (before.status === "submitting" || failedUnknown) {
    return {
      set: { upstreamId, status, progress, errorCode: null, errorMessage: null, updatedAt: now },
      revived: failedUnknown,
      polling: true,
    };
  }
  return { set: { upstreamId, updatedAt: now }, revived: false, polling: false };
}

/** The rows as an insert stores them: the last `wait` of them waiting for a slot, in the request's order. */
export function waitingLast<Row extends Pick<GenerationRow, "status">>(rows: readonly Row[], wait: number): Row[] {
  return rows.map((row, i) => (i >= rows.length - wait ? { ...row, status: "waiting" as const } : row));
}

/** What a row the queue sends becomes. */
export function sentFromQueue(now: number) {
  return { status: "submitting" as const, submittedAt: now, updatedAt: now };
}

/**
 * What a stored idempotency key answers: nothing when there is none or it
 * is older than ttlMs, "mismatch" when the caller gives a request hash the key
 * was not stored with, else the ids of the rows it made.
 */
export function liveKeyAnswer(
  earlier: { createdAt: number; requestHash: string | null; generationIds: string[] } | undefined,
  input: IdempotencyInput,
): string[] | "mismatch" | undefined {
  if (!earlier || earlier.createdAt < input.now - input.ttlMs) return undefined;
  if (input.requestHash !== undefined && earlier.requestHash !== input.requestHash) return "mismatch";
  return earlier.generationIds;
}

/** Whether another owner's poll lease on the row still runs at `now`. */
export function leaseHeldByOther(lease: { owner: string; until: number } | undefined, input: { owner: string; now: number }): boolean {
  return lease !== undefined && lease.owner !== input.owner && lease.until > input.now;
}

/** `found` in the order of `wanted` (ids, each once); ids not found are skipped. */
export function inOrderAsked(wanted: readonly string[], found: readonly GenerationRow[]): GenerationRow[] {
  const byId = new Map(found.map((row) => [row.id, row]));
  return wanted.flatMap((id) => byId.get(id) ?? []);
}
