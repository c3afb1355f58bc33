import "server-only";
import type { PriceQuote, SessionInfo } from "@/lib/contract";
import { PRICE_KEYS, priceOf, roundMoney } from "@/lib/pricing";
import type { ServiceDeps } from "@/lib/core/deps";
import type { Person } from "@/lib/core/person";
import { currentPrices } from "./prices-in-force";
import { startOfNextUtcDay, startOfNextUtcMonth, startOfUtcMonth, usageOf } from "./quota";

// What GET /api/session says about a person's limits: beside the
// counts, the server's own prices, so the composer prices a request as the
// budget check will, and when each limit starts afresh.

/** Every price key with the price in force (the studio's, then STUDIO_PRICES), null where none is set. */
export async function priceQuote(deps: Pick<ServiceDeps, "db" | "config">): Promise<PriceQuote> {
  const { prices } = await currentPrices(deps);
  return { currency: deps.config.currency, prices: Object.fromEntries(PRICE_KEYS.map((key) => [key, prices[key] ?? null])) };
}

/**
 * What the person's waiting pictures reserve of the month's budget: a new
 * request's budget check counts them (lib/db/generations/conditions.ts
 * reservedSince), though /usage charges them only once they are sent.
 */
async function reservedOf(deps: ServiceDeps, person: Person): Promise<number> {
  const since = startOfUtcMonth(deps.now());
  const [waiting, { prices }] = await Promise.all([deps.db.listWaiting({ createdBy: person.name }), currentPrices(deps)]);
  // This month's, as the check counts them: one asked for last month reserves nothing of this one.
  const thisMonth = waiting.filter((row) => row.createdAt >= since);
  return roundMoney(thisMonth.reduce((sum, row) => sum + priceOf(prices, row.model, row.imageSize), 0));
}

export async function sessionLimitsOf(deps: ServiceDeps, input: { person: Person }): Promise<SessionInfo["limits"]> {
  const now = deps.now();
  const [usage, quote, reservedThisMonth] = await Promise.all([usageOf(deps, input), priceQuote(deps), reservedOf(deps, input.person)]);
  return {
    daily: usage.daily,
    usedToday: usage.usedToday,
    maxActive: usage.maxActive,
    monthlyBudget: usage.monthlyBudget,
    spentThisMonth: usage.spentThisMonth,
    reservedThisMonth,
    currency: usage.currency,
    active: usage.active,
    // Pictures waiting for a slot: the queue's count, from usageOf.
    waiting: usage.waiting,
    maxQueued: usage.maxQueued,
    quote,
    resetsAt: {
      daily: new Date(startOfNextUtcDay(now)).toISOString(),
      monthlyBudget: usage.monthlyBudget === null ? null : new Date(startOfNextUtcMonth(now)).toISOString(),
    },
  };
}
