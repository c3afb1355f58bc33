// What a picture costs, per model (or model and size). Browser-safe and pure:
// the budget check, the usage page and the header all price the same way.
import { getModel, IMAGE_SIZES, MODEL_IDS, type ImageSize, type ModelId } from "@/lib/models";

export class PriceListError extends Error {
  override name = "PriceListError";
}

/** Keys a price may have: a model id, or `model-SIZE` for a model that lets people pick the size. */
export const PRICE_KEYS: readonly string[] = [...MODEL_IDS, ...MODEL_IDS.flatMap((m) => (m.includes("-") ? [] : IMAGE_SIZES.map((s) => `${m}-${s}`)))].filter(
  (key, i, all) => all.indexOf(key) === i,
);

export const isPriceKey = (key: string) => PRICE_KEYS.includes(key);

/** "nano_banana_2=0.04, nano_banana_pro-4K=0.24" → { nano_banana_2: 0.04, … }; throws naming the bad entry. */
export function parsePrices(text: string): Record<string, number> {
  const prices: Record<string, number> = {};
  for (const entry of text.split(",").map((e) => e.trim()).filter(Boolean)) {
    const match = /^([^=\s]+)\s*=\s*(\d+(?:\.\d+)?)$/.exec(entry);
    if (!match) throw new PriceListError(`"${entry}" is not model=price`);
    if (!isPriceKey(match[1])) throw new PriceListError(`"${match[1]}" is not a model (one of ${MODEL_IDS.join(", ")}, or model-1K/2K/4K)`);
    prices[match[1]] = Number(match[2]);
  }
  return prices;
}

/** The most specific price: model-SIZE, then the model, then nothing (free). */
export function priceOf(prices: Record<string, number>, model: ModelId, imageSize: ImageSize | null): number {
  return (imageSize ? prices[`${model}-${imageSize}`] : undefined) ?? prices[model] ?? 0;
}

/**
 * Whether a picture of this model (and recorded size: null for a fixed-size
 * model) has a price: `model-SIZE` or `model` set. Without either priceOf
 * says 0, which under a budget the studio refuses; a price of 0 that someone
 * set is a price (free on purpose).
 */
export function isPriced(prices: Record<string, number | null>, model: ModelId, imageSize: ImageSize | null): boolean {
  return (imageSize !== null && typeof prices[`${model}-${imageSize}`] === "number") || typeof prices[model] === "number";
}

/** The size a picture is recorded and priced at: the one asked for on a model that offers sizes, null where the model's name fixes it. */
export function pricedSize(model: ModelId, requested: ImageSize | null | undefined): ImageSize | null {
  const info = getModel(model)!;
  if (info.sizes.length === 1) return null;
  return requested && info.sizes.includes(requested) ? requested : info.defaultSize;
}

/** Money is summed in cents' hundredths so 0.1 + 0.2 adds up. */
export const roundMoney = (amount: number) => Math.round(amount * 10_000) / 10_000;
