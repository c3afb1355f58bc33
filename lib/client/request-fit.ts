import type { SessionInfo } from "@/lib/contract";
import type { ImageSize, ModelId } from "@/lib/models";
import { isPriced, priceOf, pricedSize, roundMoney } from "@/lib/pricing";

// What one request would cost and whether it fits the person's limits, from
// GET /api/session as the server last said it. Prices come
// from the server's quote through the server's own priceOf; the checks follow
// the server's order (lib/generations/quota.ts): an unpriced model under a
// budget, today's allowance, the queue past the in-flight cap, the budget.

export type SessionLimits = SessionInfo["limits"];
export type PlannedRequest = { model: ModelId; imageSize: ImageSize | null; count: number };

/** Why the request cannot be sent; `left`/`room`: what would fit. */
export type Refusal =
  | { limit: "unpriced" }
  | { limit: "daily"; left: number }
  | { limit: "queue"; room: number }
  | { limit: "monthlyBudget"; left: number; cost: number };

export type RequestFit = {
  /** The request's price (every picture of it), null when its model and size have no price. */
  price: number | null;
  leftToday: number;
  /** Null without a monthly budget. */
  leftThisMonth: number | null;
  /** Pictures in flight now. */
  inFlight: number;
  /** Pictures of this request that would wait for a slot (past the in-flight cap). */
  willWait: number;
  refusal: Refusal | null;
};

/** What the month's budget has taken: spent, plus the price reserved for pictures waiting for a slot. */
const committedOf = (limits: SessionLimits) => roundMoney(limits.spentThisMonth + limits.reservedThisMonth);

/** The quote's prices without its nulls: a price table as priceOf reads it. */
function pricesOf(quote: SessionLimits["quote"]): Record<string, number> {
  const prices: Record<string, number> = {};
  for (const [key, price] of Object.entries(quote.prices)) if (typeof price === "number") prices[key] = price;
  return prices;
}

export function requestFit(limits: SessionLimits, request: PlannedRequest): RequestFit {
  const size = pricedSize(request.model, request.imageSize);
  const prices = pricesOf(limits.quote);
  const priced = isPriced(prices, request.model, size);
  const price = priced ? roundMoney(priceOf(prices, request.model, size) * request.count) : null;
  const leftToday = Math.max(0, limits.daily - limits.usedToday);
  const leftThisMonth = limits.monthlyBudget === null ? null : Math.max(0, roundMoney(limits.monthlyBudget - committedOf(limits)));
  // Behind pictures already waiting, every new one waits too (they are sent in order).
  const free = limits.waiting > 0 ? 0 : Math.max(0, limits.maxActive - limits.active);
  const willWait = Math.max(0, request.count - free);
  return { price, leftToday, leftThisMonth, inFlight: limits.active, willWait, refusal: refusalOf({ limits, request, price, willWait }) };
}

function refusalOf(input: { limits: SessionLimits; request: PlannedRequest; price: number | null; willWait: number }): Refusal | null {
  const { limits, request, price, willWait } = input;
  if (limits.monthlyBudget !== null && price === null) return { limit: "unpriced" };
  if (limits.usedToday + request.count > limits.daily) return { limit: "daily", left: Math.max(0, limits.daily - limits.usedToday) };
  if (willWait > 0 && limits.waiting + willWait > limits.maxQueued) return { limit: "queue", room: Math.max(0, limits.maxQueued - limits.waiting) };
  const committed = committedOf(limits);
  if (limits.monthlyBudget !== null && price !== null && roundMoney(committed + price) > roundMoney(limits.monthlyBudget)) {
    return { limit: "monthlyBudget", left: Math.max(0, roundMoney(limits.monthlyBudget - committed)), cost: price };
  }
  return null;
}
