import "server-only";
import { StudioError } from "@/lib/errors";
import { MODELS, type ImageSize, type ModelId } from "@/lib/models";
import { isPriced } from "@/lib/pricing";
import type { ServiceDeps } from "@/lib/core/deps";

// Prices, one concept in three files: how a picture is priced (lib/pricing.ts,
// pure, the browser's too), the prices in force and what has none (here),
// and admins changing them (lib/accounts/price-settings.ts).

/**
 * Prices in force: STUDIO_PRICES, with the prices admins set in the studio
 * winning (removing one there falls back to the environment's).
 */
export async function currentPrices(deps: Pick<ServiceDeps, "db" | "config">): Promise<{ prices: Record<string, number>; fromStudio: Set<string> }> {
  const rows = await deps.db.listPrices();
  const prices = { ...deps.config.prices };
  for (const row of rows) prices[row.key] = row.price;
  return { prices, fromStudio: new Set(rows.map((row) => row.key)) };
}

// A picture's price is `model-SIZE`, else `model` (lib/pricing.ts priceOf).
// Without either, priceOf says 0: the picture would be free, and a budget
// could not hold (lib/pricing.ts isPriced; the composer asks it too).

/**
 * The price keys missing for every picture a person can ask for to have a
 * price: a model with no price at any size is named once (its own key prices
 * all its sizes); a model priced at some sizes only is named by the missing `model-SIZE`s.
 */
export function unpricedKeys(prices: Record<string, number>): string[] {
  const missing: string[] = [];
  for (const model of MODELS) {
    if (model.id in prices) continue;
    if (model.sizes.length === 1) {
      missing.push(model.id);
      continue;
    }
    const sizes = model.sizes.filter((size) => !isPriced(prices, model.id, size));
    if (sizes.length === model.sizes.length) missing.push(model.id);
    else missing.push(...sizes.map((size) => `${model.id}-${size}`));
  }
  // `nano_banana_pro-4K` is both a fixed-size model and nano_banana_pro's 4K key: named once.
  return [...new Set(missing)];
}

/** How a refusal names what was asked for: "nano_banana_2 at 4K", or a fixed-size model's id. */
const named = (model: ModelId, imageSize: ImageSize | null) => (imageSize ? `${model} at ${imageSize}` : model);

/**
 * While a budget applies to the person, a picture without a price cannot be
 * counted against it: refused, naming the model and size, before anything is
 * stored or sent.
 */
export function assertPriced(prices: Record<string, number>, rows: { model: ModelId; imageSize: ImageSize | null }): void {
  if (isPriced(prices, rows.model, rows.imageSize)) return;
  const what = named(rows.model, rows.imageSize);
  throw new StudioError(
    "invalid_request",
    `${what} has no price, and a monthly budget applies to you, so the studio cannot count what it would cost. ` +
      "Pick another model or size, or ask an admin to set its price on /admin.",
    { issues: [{ path: "model", message: `${what} has no price` }] },
  );
}

/**
 * For the start-up warning: the missing price keys when any budget is set
 * (the studio's STUDIO_MONTHLY_BUDGET or any person's), else none (without a
 * budget an unpriced model is only shown as free in /usage).
 */
export async function unpricedWhileBudgeted(deps: Pick<ServiceDeps, "db" | "config">): Promise<{ unpriced: string[]; budgets: "studio" | "people" | "none" }> {
  const budgets =
    deps.config.limits.monthlyBudget !== undefined ? "studio" : (await deps.db.listUsers()).some((user) => user.monthlyBudget !== null) ? "people" : "none";
  if (budgets === "none") return { unpriced: [], budgets };
  return { unpriced: unpricedKeys((await currentPrices(deps)).prices), budgets };
}
