import "server-only";
import { limitRefusal, type InsertLimits, type LimitRefusal } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import type { GenerationDeps } from "./deps";

const DAY_MS = 86_400_000;
const startOfUtcDay = (now: number) => now - (now % DAY_MS);

export type Usage = { daily: number; usedToday: number; maxActive: number; active: number };

export async function usageOf(deps: GenerationDeps, input: { user: string }): Promise<Usage> {
  const now = deps.now();
  const [usedToday, active] = await Promise.all([
    deps.db.countCreatedSince({ createdBy: input.user, since: startOfUtcDay(now) }),
    deps.db.countActive({ createdBy: input.user }),
  ]);
  return { daily: deps.config.limits.daily, usedToday, maxActive: deps.config.limits.maxActive, active };
}

/** What the insert checks in its own transaction (the check that holds under concurrency). */
export function insertLimits(deps: GenerationDeps): InsertLimits {
  return { since: startOfUtcDay(deps.now()), daily: deps.config.limits.daily, maxActive: deps.config.limits.maxActive };
}

/**
 * The team's key is paid for: each person has a daily allowance (UTC days) and
 * a cap on pictures in flight. Says which limit was hit and when to come back.
 */
export function limitError(deps: GenerationDeps, refusal: LimitRefusal): StudioError {
  const { daily, maxActive } = deps.config.limits;
  if (refusal.limit === "daily") {
    const left = Math.max(0, daily - refusal.usedToday);
    const resetSeconds = Math.ceil((startOfUtcDay(deps.now()) + DAY_MS - deps.now()) / 1000);
    return new StudioError(
      "quota_exceeded",
      `Daily limit reached: ${refusal.usedToday} of ${daily} pictures used today, ${left} left. It resets at midnight UTC.`,
      { retryAfterSeconds: resetSeconds },
    );
  }
  return new StudioError(
    "rate_limited",
    `Too many pictures in progress: ${refusal.active} of ${maxActive} at once. Wait for some to finish.`,
    { retryAfterSeconds: 10 },
  );
}

/**
 * A cheap early answer before any reference is stored; the insert checks
 * again in its transaction, which is what makes the limits hold.
 */
export async function assertWithinLimits(deps: GenerationDeps, input: { user: string; count: number }): Promise<void> {
  const { usedToday, active } = await usageOf(deps, input);
  const refusal = limitRefusal({ usedToday, active, count: input.count, limits: insertLimits(deps) });
  if (refusal) throw limitError(deps, refusal);
}
