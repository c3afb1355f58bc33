import "server-only";
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

/**
 * The team's key is paid for: each person has a daily allowance (UTC days) and
 * a cap on pictures in flight. Says which limit was hit and when to come back.
 */
export async function assertWithinLimits(deps: GenerationDeps, input: { user: string; count: number }): Promise<void> {
  const usage = await usageOf(deps, input);
  if (usage.usedToday + input.count > usage.daily) {
    const left = Math.max(0, usage.daily - usage.usedToday);
    const resetSeconds = Math.ceil((startOfUtcDay(deps.now()) + DAY_MS - deps.now()) / 1000);
    throw new StudioError(
      "quota_exceeded",
      `Daily limit reached: ${usage.usedToday} of ${usage.daily} pictures used today, ${left} left. It resets at midnight UTC.`,
      { retryAfterSeconds: resetSeconds },
    );
  }
  if (usage.active + input.count > usage.maxActive) {
    throw new StudioError(
      "rate_limited",
      `Too many pictures in progress: ${usage.active} of ${usage.maxActive} at once. Wait for some to finish.`,
      { retryAfterSeconds: 10 },
    );
  }
}
