import "server-only";
import type { GenerationDeps } from "./deps";

/**
 * Prices in force: STUDIO_PRICES, with the prices admins set in the studio
 * winning (removing one there falls back to the environment's).
 */
export async function currentPrices(deps: Pick<GenerationDeps, "db" | "config">): Promise<{ prices: Record<string, number>; fromStudio: Set<string> }> {
  const rows = await deps.db.listPrices();
  const prices = { ...deps.config.prices };
  for (const row of rows) prices[row.key] = row.price;
  return { prices, fromStudio: new Set(rows.map((row) => row.key)) };
}
