import "server-only";
import { UNKNOWN_OUTCOME_CODE } from "@/lib/contract";
import type { GenerationPatch, GenerationRow, InsertLimits, LimitRefusal } from "@/lib/db/types";
import type { ImageSize, ModelId } from "@/lib/models";
import { priceOf, roundMoney } from "@/lib/pricing";

// The rules behind two writes, the same on both engines. Each engine reads the
// row or the counts under its own locks (SQLite's one writer, PostgreSQL's row
// and advisory locks) and then asks these what to write.

/**
 * Which limit `count` new rows would pass, given what the person has used:
 * the daily one first, then the active one, then the budget (only with
 * `limits.budget`, and `spent`, the month's spending so far, read with it).
 */
export function limitRefusal(input: {
  usedToday: number;
  active: number;
  count: number;
  limits: InsertLimits;
  spent?: number;
}): LimitRefusal | undefined {
  const { usedToday, active, count, limits, spent = 0 } = input;
  if (usedToday + count > limits.daily) return { limit: "daily", usedToday, active };
  if (active + count > limits.maxActive) return { limit: "active", usedToday, active };
  if (limits.budget && overBudget(spent, limits.budget)) return { limit: "budget", usedToday, active, spent };
  return undefined;
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
