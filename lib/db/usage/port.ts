import "server-only";
import type { ImageSize, ModelId } from "@/lib/models";

// Prices an admin set in the studio, and the usage: pictures counted per day,
// person or model, so prices can be applied to them.

/** A price an admin set in the studio; key = a model id, or `model-SIZE`. */
export type PriceRow = { key: string; price: number; updatedAt: number; updatedBy: string };

/**
 * One group of the usage query: pictures by (key, model, size), so prices can
 * be applied per model and per size. key: "YYYY-MM-DD" (UTC) by day, the
 * person's name by user, the model id by model.
 */
export type UsageGroup = {
  key: string;
  model: ModelId;
  imageSize: ImageSize | null;
  completed: number;
  /** Every failed one, refused or not. */
  failed: number;
  /**
   * The failed ones the gateway took (cancelled, timed out, lost, not copied,
   * an unknown outcome): billed all the same, so priced like completed ones.
   */
  failedCharged: number;
  /** Still in flight: not billed yet, but counted against a budget. */
  active: number;
};
/** By template: key is its id, "" for pictures made from none. */
export type UsageGroupBy = "day" | "user" | "model" | "template";

export interface UsageStore {
  // Prices set by admins, by key.
  listPrices(): Promise<PriceRow[]>;
  setPrice(row: PriceRow): Promise<void>;
  deletePrice(key: string): Promise<void>;

  /**
   * Usage in [from, to) by createdAt, one grouped query: per key (see
   * UsageGroup), model and size. With createdBy, only that person's rows.
   */
  usageGroups(input: { from: number; to: number; groupBy: UsageGroupBy; createdBy?: string }): Promise<UsageGroup[]>;
}
