import type { Locale } from "@/lib/i18n";
import { getModel } from "@/lib/models";

// What the usage page calls things: models by their names,
// not the ids the API and the CSV keep for scripts.

/**
 * "Nano Banana Pro · 4K" for a model whose id fixes its size (`nano_banana_pro-4K`),
 * the model's label otherwise. An id the catalog no longer has stays as it is:
 * its pictures still count and must show under some name.
 */
export function modelName(id: string, locale: Locale): string {
  const info = getModel(id);
  if (!info) return id;
  const [only] = info.sizes;
  const base = info.sizes.length === 1 && id.endsWith(`-${only}`) ? getModel(id.slice(0, -only.length - 1)) : undefined;
  return base ? `${base.label[locale]} · ${only}` : info.label[locale];
}

/** Per-person views (chart, table) compare people: with one in view (a member sees only themself) they say nothing new. */
export function showsPeople(rows: readonly { key: string }[]): boolean {
  return rows.length > 1;
}
