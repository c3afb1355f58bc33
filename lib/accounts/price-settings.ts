import "server-only";
import type { z } from "zod";
import type { pricesResponseSchema } from "@/lib/contract";
import { StudioError } from "@/lib/errors";
import type { ServiceDeps } from "@/lib/core/deps";
import { currentPrices, unpricedKeys } from "@/lib/generations/prices-in-force";
import { logger } from "@/lib/log";
import { isPriceKey, PRICE_KEYS } from "@/lib/pricing";

// The prices on /admin: each one in force and where it comes from, and an
// admin's changes (the prices in force: lib/generations/prices-in-force.ts).

type Deps = Pick<ServiceDeps, "db" | "config" | "now">;

export async function pricesView(deps: Deps): Promise<z.infer<typeof pricesResponseSchema>> {
  const { prices, fromStudio } = await currentPrices(deps);
  const items = PRICE_KEYS.filter((key) => key in prices).map((key) => ({
    key,
    price: prices[key],
    source: fromStudio.has(key) ? ("studio" as const) : ("env" as const),
  }));
  return { currency: deps.config.currency, items, unpriced: unpricedKeys(prices) };
}

/** Every key is checked before anything is written: a bad one changes nothing. */
export async function setPrices(deps: Deps, input: { prices: Record<string, number | null>; by: string }): Promise<void> {
  const unknown = Object.keys(input.prices).filter((key) => !isPriceKey(key));
  if (unknown.length > 0) {
    throw new StudioError("invalid_request", `Not a model: ${unknown.join(", ")} (a model id, or model-1K/2K/4K)`, {
      issues: unknown.map((key) => ({ path: `prices.${key}`, message: "not a model id or model-SIZE" })),
    });
  }
  const now = deps.now();
  for (const [key, price] of Object.entries(input.prices)) {
    if (price === null) await deps.db.deletePrice(key);
    else await deps.db.setPrice({ key, price, updatedAt: now, updatedBy: input.by });
  }
  logger.info({ by: input.by, keys: Object.keys(input.prices) }, "prices changed");
}
