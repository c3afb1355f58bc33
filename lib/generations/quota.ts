import "server-only";
import { limitRefusal, type InsertLimits, type LimitRefusal, type UsageGroup } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import type { ImageSize, ModelId } from "@/lib/models";
import { priceOf, roundMoney } from "@/lib/pricing";
import type { ServiceDeps } from "@/lib/core/deps";
import type { Person } from "@/lib/core/person";
import { assertPriced, currentPrices } from "./prices-in-force";

const DAY_MS = 86_400_000;
export const startOfUtcDay = (now: number) => now - (now % DAY_MS);
export function startOfUtcMonth(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
export const startOfNextUtcMonth = (now: number) => {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
};
export const startOfNextUtcDay = (now: number) => startOfUtcDay(now) + DAY_MS;
/** "1 January": the day a monthly budget starts afresh, in the studio's (English) messages. */
const dayOfMonth = (at: number) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone: "UTC" }).format(at);

/** A person's limits: their own where an admin set them, else the studio's. monthlyBudget null = none. */
export function limitsOf(deps: Pick<ServiceDeps, "config">, person: Person) {
  const studio = deps.config.limits;
  return {
    daily: person.dailyLimit ?? studio.daily,
    maxActive: person.maxActive ?? studio.maxActive,
    /** Past maxActive, pictures that may wait their turn; 0: none, refused. */
    maxQueued: studio.maxQueued,
    monthlyBudget: person.monthlyBudget ?? studio.monthlyBudget ?? null,
  };
}

/**
 * How many of a group's pictures are paid for: every task the gateway took,
 * that is the completed ones, those still in flight (about to be billed) and
 * the failed ones it took (cancelled, timed out…); a request it never got or
 * refused is free. The one count the budget, /usage and /admin price.
 */
export const chargedCount = (g: Pick<UsageGroup, "completed" | "active" | "failedCharged">) => g.completed + g.active + g.failedCharged;

/** What pictures cost: every charged one (see chargedCount) at its model's and size's price. */
export function spendOf(groups: UsageGroup[], prices: Record<string, number>): number {
  return roundMoney(groups.reduce((sum, g) => sum + chargedCount(g) * priceOf(prices, g.model, g.imageSize), 0));
}

/**
 * Pictures deleted in flight created since this count toward the in-flight
 * limit. The gateway has no cancel: it goes on with (and bills) a deleted
 * picture's task, but the studio can no longer ask it about that task (the
 * row is gone), so the slot is held for as long as the studio would have
 * waited for the picture: its createdAt plus the task timeout.
 */
export const inFlightSince = (deps: Pick<ServiceDeps, "config">, now: number) => now - deps.config.taskTimeoutMs;

export type Usage = {
  daily: number;
  usedToday: number;
  maxActive: number;
  active: number;
  maxQueued: number;
  /** Waiting for a slot: counted in usedToday, not in active nor in spentThisMonth. */
  waiting: number;
  monthlyBudget: number | null;
  spentThisMonth: number;
  currency: string;
};

export async function usageOf(deps: ServiceDeps, input: { person: Person }): Promise<Usage> {
  const now = deps.now();
  const { name } = input.person;
  const limits = limitsOf(deps, input.person);
  const [usedToday, active, waiting, month, { prices }] = await Promise.all([
    deps.db.countCreatedSince({ createdBy: name, since: startOfUtcDay(now) }),
    deps.db.countActive({ createdBy: name, inFlightSince: inFlightSince(deps, now) }),
    deps.db.listWaiting({ createdBy: name }).then((rows) => rows.length),
    deps.db.usageGroups({ from: startOfUtcMonth(now), to: now + 1, groupBy: "user", createdBy: name }),
    currentPrices(deps),
  ]);
  return { ...limits, usedToday, active, waiting, spentThisMonth: spendOf(month, prices), currency: deps.config.currency };
}

type NewRows = { model: ModelId; imageSize: ImageSize | null; count: number };

/** What the insert checks in its own transaction (the check that holds under concurrency). */
export async function insertLimits(deps: ServiceDeps, input: { person: Person; rows: NewRows }): Promise<InsertLimits> {
  const now = deps.now();
  const limits = limitsOf(deps, input.person);
  const base = {
    since: startOfUtcDay(now),
    daily: limits.daily,
    maxActive: limits.maxActive,
    maxQueued: limits.maxQueued,
    inFlightSince: inFlightSince(deps, now),
  };
  if (limits.monthlyBudget === null) return base;
  const { prices } = await currentPrices(deps);
  // Unpriced would count as free: under a budget it is refused instead.
  assertPriced(prices, input.rows);
  const cost = roundMoney(priceOf(prices, input.rows.model, input.rows.imageSize) * input.rows.count);
  return { ...base, budget: { since: startOfUtcMonth(now), amount: limits.monthlyBudget, prices, cost } };
}

export const money = (amount: number, currency: string) =>
  new Intl.NumberFormat("en", { style: "currency", currency, maximumFractionDigits: 4 }).format(amount);

/**
 * The team's key is paid for: each person has a daily allowance (UTC days), a
 * cap on pictures in flight and possibly a monthly budget. Says which limit
 * was hit and when to come back.
 */
export function limitError(deps: ServiceDeps, refusal: LimitRefusal, limits: InsertLimits): StudioError {
  const now = deps.now();
  if (refusal.limit === "daily") {
    const left = Math.max(0, limits.daily - refusal.usedToday);
    return new StudioError(
      "quota_exceeded",
      `Daily limit reached: ${refusal.usedToday} of ${limits.daily} pictures used today, ${left} left. It resets at midnight UTC.`,
      // limit and resetsAt: the composer says when, in the person's language.
      { retryAfterSeconds: Math.ceil((startOfNextUtcDay(now) - now) / 1000), limit: "daily", resetsAt: new Date(startOfNextUtcDay(now)).toISOString() },
    );
  }
  if (refusal.limit === "budget" && limits.budget) {
    const { currency } = deps.config;
    const spent = refusal.spent ?? 0;
    return new StudioError(
      "quota_exceeded",
      `Monthly budget reached: ${money(spent, currency)} of ${money(limits.budget.amount, currency)} spent this month, ` +
        `and this request would cost ${money(limits.budget.cost, currency)}. It resets on ${dayOfMonth(startOfNextUtcMonth(now))} (UTC).`,
      { retryAfterSeconds: Math.ceil((startOfNextUtcMonth(now) - now) / 1000), limit: "monthlyBudget", resetsAt: new Date(startOfNextUtcMonth(now)).toISOString() },
    );
  }
  if (limits.maxQueued) {
    return new StudioError(
      "rate_limited",
      `Your queue is full: ${refusal.waiting ?? 0} of ${limits.maxQueued} waiting, and ${refusal.active} of ${limits.maxActive} in progress. ` +
        "Nothing was queued; wait for some to finish, or cancel waiting ones.",
      { retryAfterSeconds: 10, limit: "maxActive" },
    );
  }
  return new StudioError(
    "rate_limited",
    `Too many pictures in progress: ${refusal.active} of ${limits.maxActive} at once, ` +
      "including deleted ones the gateway may still be making (they count until they would have timed out). Wait for some to finish.",
    { retryAfterSeconds: 10, limit: "maxActive" },
  );
}

/**
 * A cheap early answer before any reference is stored; the insert checks
 * again in its transaction, which is what makes the limits hold.
 */
export async function assertWithinLimits(deps: ServiceDeps, input: { person: Person; rows: NewRows }): Promise<void> {
  const [usage, limits] = await Promise.all([usageOf(deps, { person: input.person }), insertLimits(deps, input)]);
  const spent = limits.budget ? usage.spentThisMonth : undefined;
  const refusal = limitRefusal({ usedToday: usage.usedToday, active: usage.active, waiting: usage.waiting, spent, count: input.rows.count, limits });
  if (refusal) throw limitError(deps, refusal, limits);
}
