import "server-only";
import type { ImageSize, ModelId } from "@/lib/models";
import type { GenerationsStore } from "./generations/port";
import type { CountersStore } from "./counters/port";
import type { PeopleStore } from "./people/port";
import type { BoardsStore } from "./boards/port";

export type * from "./generations/port";
export type * from "./counters/port";
export type * from "./people/port";
export type * from "./boards/port";

// The database adapter's interface. Services depend on this, never on SQL, so
// a second engine (Postgres) implements the same methods behind it. Every
// method is async even where SQLite is synchronous, for that reason.
// Times are Unix milliseconds.

export type ReferenceRow = {
  id: string;
  storageKey: string;
  contentType: string;
  bytes: number;
  width: number;
  height: number;
  createdAt: number;
  createdBy: string;
};

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
export type UsageGroupBy = "day" | "user" | "model";

export interface StudioDatabase extends GenerationsStore, PeopleStore, CountersStore, BoardsStore {
  readonly kind: "sqlite" | "postgres";

  insertReference(row: ReferenceRow): Promise<void>;
  getReference(id: string): Promise<ReferenceRow | undefined>;
  /**
   * Whether a completed generation uses this stored reference: the viewer
   * shows a finished picture's references to the team; those of pictures that
   * were not made stay their uploader's (issue 21).
   */
  referenceUsedByCompleted(id: string): Promise<boolean>;
  /** References not linked to any generation (e.g. a create that failed validation later). */
  deleteReference(id: string): Promise<void>;
  /**
   * Deletes up to `limit` references that no generation links to and that were
   * stored before `createdBefore` (uploads never used), oldest first, and
   * returns them: their files are the caller's to delete.
   */
  deleteUnlinkedReferences(input: { createdBefore: number; limit: number }): Promise<ReferenceRow[]>;

  // Counters every instance shares (issue 21), each check one statement.
  /**
   * The daily upload allowance: adds `bytes` to the person's total for `day`
   * (a UTC day's start) only if the total stays within `limit`, so concurrent
   * uploads cannot pass it together. `total`: after adding, or as it stands
   * when refused.
   */
  addUploadBytes(input: { createdBy: string; day: number; bytes: number; limit: number }): Promise<{ added: boolean; total: number }>;
  /** Takes back bytes counted for uploads that were not stored after all (never below 0). */
  returnUploadBytes(input: { createdBy: string; day: number; bytes: number }): Promise<void>;
  /** Forgets the totals of days before `day`; how many rows went. */
  deleteUploadDaysBefore(day: number): Promise<number>;

  // Prices set by admins (issue 12), by key.
  listPrices(): Promise<PriceRow[]>;
  setPrice(row: PriceRow): Promise<void>;
  deletePrice(key: string): Promise<void>;

  /**
   * Usage in [from, to) by createdAt, one grouped query: per key (see
   * UsageGroup), model and size. With createdBy, only that person's rows.
   */
  usageGroups(input: { from: number; to: number; groupBy: UsageGroupBy; createdBy?: string }): Promise<UsageGroup[]>;



  close(): Promise<void>;
}
