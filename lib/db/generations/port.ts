import "server-only";
import type { GenerationStatus } from "@/lib/contract";
import type { ReferenceRow } from "@/lib/db/references/port";
import type { RunRow } from "@/lib/db/runs/port";
import type { AspectRatio, ImageSize, ModelId } from "@/lib/models";

// The generations' store: the rows of the pictures asked for, from insert
// (idempotency, limits, the queue) through submission, polling and its
// leases, to lists, counts, favorites and delete. Times are Unix milliseconds.

/**
 * One reference of a generation, in the person's order. `stored`: a file of
 * ours (a reference_images row, linked through generation_references). When
 * it is the studio's checked copy of a link the person gave, `url` keeps that
 * link: the gateway is sent the link, the gallery shows the copy (the page
 * loads no third-party pictures). `url`: a link without a copy (rows made
 * before copies existed).
 */
export type ReferenceEntry = { kind: "stored"; id: string; url?: string } | { kind: "url"; url: string };

export type GenerationRow = {
  id: string;
  upstreamId: string | null;
  model: ModelId;
  prompt: string;
  aspectRatio: AspectRatio;
  imageSize: ImageSize | null;
  /** In the order the person gave them. */
  references: ReferenceEntry[];
  status: GenerationStatus;
  progress: number;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
  completedAt: number | null;
  /** Last upstream GET, shared by every watcher: the per-interval poll bound lives here. */
  lastPolledAt: number | null;
  imageKey: string | null;
  thumbKey: string | null;
  imageWidth: number | null;
  imageHeight: number | null;
  imageBytes: number | null;
  imageContentType: string | null;
  thumbBytes: number | null;
  favorite: boolean;
  createdBy: string;
  idempotencyKey: string | null;
  /** Polls in a row that the gateway answered "task does not exist". */
  notFoundCount: number;
  /** Failed attempts to copy the finished picture (download or storage). */
  downloadAttempts: number;
  /**
   * When the gateway was first seen to have finished the picture, while the
   * studio could not copy it yet: from then on the picture is known to exist,
   * so the row never times out, and its URL's lifetime counts from here.
   */
  resultSeenAt: number | null;
  /** The gateway's result URL, kept so later copy attempts need no poll. */
  resultUrl: string | null;
  /** Why the copy is still pending (a slow CDN, storage down), in plain words. */
  savingReason: string | null;
  /**
   * The request that made this row: every row one request makes shares it
   * (`bat_…`). Null only before insert: the repository stores the row's own
   * id then, and the migration gave each older row its own id.
   */
  batchId: string | null;
  /**
   * When its person cancelled it. The gateway cannot stop a task, so a
   * cancelled row stays in flight, keeps its slot and is still polled until
   * the gateway says it ended; a picture that arrives is kept.
   */
  cancelledAt: number | null;
  /** Since when the gateway's status API has not answered for this row; null once it answers. */
  unansweredSince: number | null;
  /** The instance holding the row's staged bytes (storage was down): only it finishes the copy. */
  stagedBy: string | null;
  /** Edit threads: the picture this one was made from (an edit, a variation), null for an original. */
  parentId: string | null;
  /**
   * The original its tree grows from: its own id for an original. Null only
   * before insert: the repository stores the row's own id then, and the
   * migration made every older row an original.
   */
  rootId: string | null;
  /** The template it was made from (the composer with one chosen, or a run); null: none. */
  templateId: string | null;
  /** The bulk run that made it (runs.id); null: none. */
  runId: string | null;
};

/** A deleted version's place in its tree: its children still hang from it. */
export type DeletedVersion = { id: string; parentId: string | null; rootId: string; createdAt: number; deletedAt: number };

export type ListFilter = {
  status?: "active" | "completed" | "failed";
  /**
   * Every word of it (split on whitespace, see searchWords) a part of the
   * prompt, in any order, case-insensitive; what is typed is literal (LIKE
   * wildcards, quotes, search syntax). A search index narrows it down.
   */
  q?: string;
  model?: ModelId;
  /** Only the pictures this account (a users.id) starred. */
  favoriteOf?: string;
  createdBy?: string;
  /** Only the pictures on this board (board_items), newest picture first. */
  board?: string;
  /** Only the rows of one request (generations.batch_id). */
  batch?: string;
  /** Only the pictures made from this template (generations.template_id). */
  template?: string;
  /** Only the pictures of this bulk run (generations.run_id). */
  run?: string;
  /**
   * One card per tree: leaves out a row when a newer version of its tree
   * matches the same status, model and person (a failed newer version hides
   * nothing unless failures are asked for). Absent: every version.
   */
  newestVersions?: boolean;
  /** Keyset pagination: only ids strictly smaller (older) than this. */
  beforeId?: string;
  limit: number;
};

/**
 * Who asks, as the holder of a staging folder (GenerationRow.stagedBy), and
 * from when another holder counts as gone: its row was last polled (by it,
 * the only one who may) at or before `abandonedBefore`.
 */
export type StagingHolder = { id: string; abandonedBefore: number };

export type GenerationPatch = Partial<Omit<GenerationRow, "id" | "createdAt" | "createdBy">>;

/**
 * A person's allowance, checked in the same transaction as the insert so that
 * concurrent requests (other instances too) cannot all pass a check-then-act.
 */
export type InsertLimits = {
  since: number;
  daily: number;
  maxActive: number;
  /**
   * Rows deleted while in flight and created at or after this (now minus the
   * task timeout) still count toward maxActive: the gateway goes on with them
   * (see `inFlight` in ./conditions.ts). Absent: live rows only.
   */
  inFlightSince?: number;
  /**
   * A monthly budget in money: the creator's charged rows since `since` (the
   * month's start; every row the gateway took, see chargedSince), priced with
   * `prices`, plus `cost` (the new rows' price) must stay within `amount`.
   */
  budget?: { since: number; amount: number; prices: Record<string, number>; cost: number };
  /**
   * The queue: past maxActive, up to this many of the person's rows may wait
   * (status `waiting`). Rows wait behind any already waiting (FIFO);
   * otherwise as many as there are free slots stay as given and the rest
   * wait. Absent or 0: no queue, past maxActive the insert is refused.
   */
  maxQueued?: number;
};
/** The queue's budget check when a waiting row is sent (claimWaiting): the month's charged rows since `since`, priced. */
export type QueueBudget = { since: number; amount: number; prices: Record<string, number> };
/** An idempotency key (per person, live for ttlMs) and, optionally, a digest of the request it came with. */
export type IdempotencyInput = { key: string; createdBy: string; now: number; ttlMs: number; requestHash?: string };

/** `waiting`: the person's waiting rows, given only when a queue applies (InsertLimits.maxQueued). */
export type LimitRefusal = { limit: "daily" | "active" | "budget"; usedToday: number; active: number; waiting?: number; spent?: number };

export interface GenerationsStore {
  /**
   * Inserts the rows (and their stored-reference links) in one transaction. With an
   * idempotency key already used by this user within `idempotencyTtlMs`, inserts
   * nothing and returns the earlier generations with `created: false`.
   * With a `requestHash` (a digest of the request the key was sent with), a
   * live key stored with another hash (or none) inserts nothing and answers
   * `mismatch: true`: the same key was sent with a different request.
   */
  insertGenerations(input: {
    rows: GenerationRow[];
    idempotency?: IdempotencyInput;
    /**
     * With limits: after the idempotency check (a replay is answered whatever
     * the limits), counts the creator's charged rows since `since` and active ones, and
     * inserts nothing (`refused`) when the new rows would pass either limit.
     */
    limits?: InsertLimits;
    /**
     * A bulk run's record, stored with its rows in the same transaction (all
     * or nothing: refused or replayed, it is not stored either).
     */
    run?: RunRow;
  }): Promise<{ created: boolean; rows: GenerationRow[]; refused?: LimitRefusal; mismatch?: true }>;

  /**
   * The generations an idempotency key (this user's, at most ttlMs old) already
   * made; "mismatch" when a `requestHash` is given and the key was stored with another.
   */
  findIdempotent(input: IdempotencyInput): Promise<GenerationRow[] | "mismatch" | undefined>;

  /**
   * Records the gateway's task id for a submit that went through. Applies to a
   * row still "submitting", and also to one failed meanwhile as an unknown
   * outcome (its task id is now known, so it goes back to polling: `revived`).
   * Any other row without a task id (one failed by an older studio's cancel,
   * say) only gets the id, for the record. Undefined when the row is gone.
   */
  recordSubmission(input: {
    id: string;
    upstreamId: string;
    status: "queued" | "processing";
    progress: number;
    now: number;
  }): Promise<{ row: GenerationRow; revived: boolean; polling: boolean } | undefined>;

  /**
   * Extends this owner's poll lease to `until`, only while the owner still
   * holds it (or it lapsed and nobody took it). False: another owner has it.
   */
  renewPollLease(input: { id: string; owner: string; now: number; until: number }): Promise<boolean>;

  getGeneration(id: string): Promise<GenerationRow | undefined>;
  /** In the order asked for; unknown ids are skipped. */
  getGenerations(ids: string[]): Promise<GenerationRow[]>;

  /**
   * Applies the patch (bumping nothing by itself: pass updatedAt). With
   * `onlyIfStatus`, applies it only while the row's status is one of those, so a
   * late poll cannot overwrite a finished row. Returns the row after, or
   * undefined when nothing matched.
   */
  updateGeneration(input: {
    id: string;
    patch: GenerationPatch;
    onlyIfStatus?: readonly GenerationStatus[];
  }): Promise<GenerationRow | undefined>;

  /**
   * Claims the right to poll upstream now: sets lastPolledAt = now only if the
   * previous poll is at least `intervalMs` old. At most one caller per interval
   * gets true, across processes sharing the database. With `owner`, the claim
   * also takes (or renews) a lease on the row until now + `leaseMs`: while
   * another owner's lease runs, nobody else may poll it, so a slow poll is
   * never doubled by another instance, and a dead owner's rows pass to another
   * once its lease expires. With `holder`, a row whose bytes another holder
   * staged is refused until that holder has been silent.
   */
  tryClaimPoll(input: { id: string; now: number; intervalMs: number; owner?: string; leaseMs?: number; holder?: StagingHolder }): Promise<boolean>;

  /** Newest first (id descending). */
  listGenerations(filter: ListFilter): Promise<GenerationRow[]>;
  /** The ids listGenerations would answer, in its order ("select all N matching"). */
  listGenerationIds(filter: ListFilter): Promise<string[]>;
  /** How many rows the filter matches in all (no cursor, no limit). */
  countGenerations(filter: Omit<ListFilter, "limit" | "beforeId">): Promise<number>;
  /**
   * Rows in submitting/queued/processing (never waiting ones: nothing to poll), oldest first (by id). The poller
   * pages through them with `afterId` (a cursor it rotates, so every row gets
   * its turn whatever the backlog); `due` leaves out rows polled within the
   * interval; `holder` leaves out rows another holder's staged bytes wait in,
   * as tryClaimPoll would refuse them.
   */
  listActive(input: { limit: number; afterId?: string; due?: { now: number; intervalMs: number }; holder?: StagingHolder }): Promise<GenerationRow[]>;
  /**
   * Rows in flight (with createdBy, that person's); given inFlightSince, also
   * rows deleted while in flight created at or after it (see InsertLimits):
   * the header's count then matches the insert's.
   */
  countActive(input?: { createdBy?: string; inFlightSince?: number }): Promise<number>;
  /**
   * One person's rows since `since` that the gateway took (deleted ones too:
   * a delete does not give back the day's allowance), and their live waiting
   * rows (asked for): the daily allowance. A request never sent, or refused,
   * or cancelled while waiting, uses none of it.
   */
  countCreatedSince(input: { createdBy: string; since: number }): Promise<number>;

  // The queue: rows waiting for one of their person's slots.
  /** One person's waiting rows, next first (by createdAt, then id). */
  listWaiting(input: { createdBy: string }): Promise<GenerationRow[]>;
  /** Who has rows waiting (the poller moves each one's queue). */
  waitingPeople(): Promise<string[]>;
  /**
   * Sends the queue on, atomically (serialized with insertGenerations' limit
   * check for the same person, across instances): counts the person's rows in
   * flight (as the insert does, deleted ones since inFlightSince too) and
   * turns their oldest waiting rows into `submitting` (submittedAt = now), as
   * many as slots are free; no row is claimed twice. With a budget, each row
   * in turn must still fit (charged spending since budget.since plus the rows
   * claimed before it, plus its price, within the amount); one that does not
   * stays waiting and is named in `overBudget` with the spending it met, for
   * the caller to end.
   */
  claimWaiting(input: {
    createdBy: string;
    maxActive: number;
    inFlightSince?: number;
    now: number;
    budget?: QueueBudget;
  }): Promise<{ claimed: GenerationRow[]; overBudget: { row: GenerationRow; spent: number }[] }>;

  /**
   * Deletes the row and returns it with the stored references no other
   * generation uses any more (their files are the caller's to delete).
   */
  deleteGeneration(id: string): Promise<{ row: GenerationRow; orphanedReferences: ReferenceRow[] } | undefined>;

  // Edit threads.
  /** Every version of one tree, live and deleted, oldest first (by id): two range reads whatever the tree's size. */
  listTree(rootId: string): Promise<{ rows: GenerationRow[]; deleted: DeletedVersion[] }>;
  /** How many live versions each of these trees has (a tree with none is left out). */
  versionCounts(rootIds: string[]): Promise<Map<string, number>>;

  // Per-person favorites.
  setFavorite(input: { userId: string; generationId: string; favorite: boolean; now: number }): Promise<void>;
  /** Which of these generations the person starred. */
  favoritesAmong(input: { userId: string; generationIds: string[] }): Promise<Set<string>>;

  // The gallery's change marker.
  /**
   * What has changed lately that a listing could show this person (see
   * ListingChanges): one statement of index reads, whatever the gallery's
   * size, for GET /api/generations' ETag.
   */
  listingChanges(input: { userId: string; boardId?: string }): Promise<ListingChanges>;
}

/** What may be made and sent: the insert with its idempotency key and limits, the counts those limits read, the queue. */
export type GenerationAdmission = Pick<
  GenerationsStore,
  "insertGenerations" | "findIdempotent" | "countActive" | "countCreatedSince" | "listWaiting" | "waitingPeople" | "claimWaiting"
>;

/** The gallery's reads: pages of pictures, their ids and counts, and each person's stars on them. */
export type GenerationLists = Pick<
  GenerationsStore,
  "listGenerations" | "listGenerationIds" | "countGenerations" | "setFavorite" | "favoritesAmong" | "listTree" | "versionCounts"
>;

/**
 * The marks every change a listing could show leaves, read at the ends of
 * indexes and within one person's stars and one board's pictures (never a
 * list): an insert and every update the gallery shows stamp the row's
 * updatedAt with their time, a delete stamps deleted_generations.deletedAt, a
 * star is a favorites row with its time, a picture put on a board a
 * board_items row with its time. An unstar or a picture taken off a board
 * leaves no stamp: their count goes down. Times are Unix ms; null: none yet.
 */
export type ListingChanges = {
  /** The newest updatedAt of any picture, anyone's. */
  updated: number | null;
  /** The newest deletedAt of any deleted picture. */
  deleted: number | null;
  /** The person's stars: how many, and when the newest was made. */
  stars: { count: number; newest: number | null };
  /** Only when a board was asked about: its pictures, how many, and when the newest was put on it. */
  board?: { count: number; newest: number | null };
};

/** The gallery's change marker, from its own files (sqlite-changes.ts, postgres-changes.ts). */
export type GenerationChanges = Pick<GenerationsStore, "listingChanges">;
