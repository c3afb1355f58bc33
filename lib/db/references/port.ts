import "server-only";

// Stored reference images (the input pictures a person uploads or links) and
// the daily allowance of upload bytes. Times are Unix milliseconds.

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

export interface ReferencesStore {
  insertReference(row: ReferenceRow): Promise<void>;
  getReference(id: string): Promise<ReferenceRow | undefined>;
  /**
   * Whether a completed generation uses this stored reference: the viewer
   * shows a finished picture's references to the team; those of pictures that
   * were not made stay their uploader's.
   */
  referenceUsedByCompleted(id: string): Promise<boolean>;
  /** References not linked to any generation (e.g. a create that failed validation later). */
  deleteReference(id: string): Promise<void>;
  /**
   * Deletes up to `limit` references that no generation and no template links
   * to and that were stored before `createdBefore` (uploads never used), oldest first, and
   * returns them: their files are the caller's to delete.
   */
  deleteUnlinkedReferences(input: { createdBefore: number; limit: number }): Promise<ReferenceRow[]>;

  // A counter every instance shares, each check one statement.
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
}
