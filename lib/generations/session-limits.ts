import "server-only";
import type { PriceQuote, SessionInfo } from "@/lib/contract";
import { PRICE_KEYS } from "@/lib/pricing";
import type { GenerationDeps } from "./deps";
import type { Person } from "./person";
import { currentPrices } from "./prices";
import { startOfNextUtcDay, startOfNextUtcMonth, usageOf } from "./quota";

// What GET /api/session says about a person's limits (issue 26): beside the
// counts, the server's own prices, so the composer prices a request as the
// budget check will, and when each limit starts afresh.

/** Every price key with the price in force (the studio's, then STUDIO_PRICES), null where none is set. */
export async function priceQuote(deps: Pick<GenerationDeps, "db" | "config">): Promise<PriceQuote> {
  const { prices } = await currentPrices(deps);
  return { currency: deps.config.currency, prices: Object.fromEntries(PRICE_KEYS.map((key) => [key, prices[key] ?? null])) };
}

/**
 * Pictures of this person waiting for a slot. Zero until the queue (issue 26
 * item 3) gives the database a way to count them.
 */
async function waitingOf(_deps: GenerationDeps, _person: Person): Promise<number> {
  return 0;
}

export async function sessionLimitsOf(deps: GenerationDeps, input: { person: Person }): Promise<SessionInfo["limits"]> {
  const now = deps.now();
  const [usage, quote, waiting] = await Promise.all([usageOf(deps, input), priceQuote(deps), waitingOf(deps, input.person)]);
  return {
    daily: usage.daily,
    usedToday: usage.usedToday,
    maxActive: usage.maxActive,
    monthlyBudget: usage.monthlyBudget,
    spentThisMonth: usage.spentThisMonth,
    currency: usage.currency,
    active: usage.active,
    waiting,
    maxQueued: deps.config.limits.maxQueued,
    quote,
    resetsAt: {
      daily: new Date(startOfNextUtcDay(now)).toISOString(),
      monthlyBudget: usage.monthlyBudget === null ? null : new Date(startOfNextUtcMonth(now)).toISOString(),
    },
  };
}
