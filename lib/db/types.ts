import "server-only";
import type { GenerationStatus } from "@/lib/contract";
import type { AspectRatio, ImageSize, ModelId } from "@/lib/models";
import type { CountersStore } from "./counters/port";
import type { PeopleStore } from "./people/port";

export type * from "./counters/port";
export type * from "./people/port";

// The database adapter's interface. Services depend on this, never on SQL, so
// a second engine (Postgres) implements the same methods behind it. Every
// method is async even where SQLite is synchronous, for that reason.
// Times are Unix milliseconds.

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
   * The request that made this row (issue 14): every row one request makes
   * shares it (`bat_…`). Null only before insert: the repository stores the
   * row's own id then, and the migration gave each older row its own id.
   */
  batchId: string | null;
  /**
   * When its person cancelled it (issue 21). The gateway cannot stop a task,
   * so a cancelled row stays in flight, keeps its slot and is still polled
   * until the gateway says it ended; a picture that arrives is kept.
   */
  cancelledAt: number | null;
  /** Since when the gateway's status API has not answered for this row; null once it answers. */
  unansweredSince: number | null;
  /** The instance holding the row's staged bytes (storage was down): only it finishes the copy. */
  stagedBy: string | null;
};

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

export type ListFilter = {
  status?: "active" | "completed" | "failed";
  /**
   * Every word of it (split on whitespace, see searchWords) a part of the
   * prompt, in any order, case-insensitive; what is typed is literal (LIKE
   * wildcards, quotes, search syntax). A search index narrows it down (issue 26).
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
  /** Keyset pagination: only ids strictly smaller (older) than this. */
  beforeId?: string;
  limit: number;
};

export type BoardVisibility = "team" | "private";

/** A named collection of pictures (issue 14); the pictures stay when it goes. */
export type BoardRow = {
  id: string;
  /** 1 to 100 characters; not unique. */
  name: string;
  visibility: BoardVisibility;
  /** users.id of the person who made it. */
  ownerId: string;
  createdAt: number;
  updatedAt: number;
};

/** A board as a list shows it: who owns it, how many pictures, which one is its cover. */
export type BoardSummary = BoardRow & {
  ownerName: string;
  count: number;
  /** The newest completed picture on it (by generation id), or null. */
  coverId: string | null;
};

/**
 * A public, read-only link to one picture or one board (issue 14). Only the
 * SHA-256 of the link's token is kept. Exactly one of generationId / boardId.
 */
export type ShareRow = {
  id: string;
  tokenHash: string;
  generationId: string | null;
  boardId: string | null;
  /** users.id of the person who made the link. */
  createdBy: string;
  createdAt: number;
  /** Null: until revoked. */
  expiresAt: number | null;
};

/** A share as its list shows it: what it points at, in words. */
export type ShareSummary = ShareRow & {
  creatorName: string;
  /** The picture's prompt, or the board's name. */
  title: string;
};

/** Where a page of boards ends (issue 21): the last board's name and id, as the list orders them. */
export type BoardCursor = { name: string; id: string };

/**
 * Which share links a list holds (issue 21); the conditions combine. Newest
 * first (by id: share ids are ULIDs of their creation time).
 */
export type ShareFilter = {
  /** Made by this account (a users.id). */
  createdBy?: string;
  /**
   * Only links, unexpired at `now`, that show (or, their maker enabled again,
   * would show) a picture this person made: a link to one of their pictures,
   * whoever made it, or a link to a board holding one of their pictures made
   * by themselves or by someone who is an admin now (a member's board link
   * shows only its maker's pictures).
   */
  showingPicturesOf?: { userId: string; name: string; now: number };
  /** Links to this picture, or to this board. */
  generationId?: string;
  boardId?: string;
  /** This link only (a check of whether it matches the other conditions). */
  id?: string;
  /** Keyset: only ids strictly smaller (older) than this. */
  beforeId?: string;
  /** Absent: every matching link. */
  limit?: number;
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
   * (see `inFlight` in lib/db/shared/conditions.ts). Absent: live rows only.
   */
  inFlightSince?: number;
  /**
   * A monthly budget in money: the creator's charged rows since `since` (the
   * month's start; every row the gateway took, see chargedSince), priced with
   * `prices`, plus `cost` (the new rows' price) must stay within `amount`.
   */
  budget?: { since: number; amount: number; prices: Record<string, number>; cost: number };
  /**
   * The queue (issue 26): past maxActive, up to this many of the person's rows
   * may wait (status `waiting`). Rows wait behind any already waiting (FIFO);
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

export interface StudioDatabase extends PeopleStore, CountersStore {
  readonly kind: "sqlite" | "postgres";

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
   * staged is refused until that holder has been silent (issue 21 #12).
   */
  tryClaimPoll(input: { id: string; now: number; intervalMs: number; owner?: string; leaseMs?: number; holder?: StagingHolder }): Promise<boolean>;

  /** Newest first (id descending). */
  listGenerations(filter: ListFilter): Promise<GenerationRow[]>;
  /** The ids listGenerations would answer, in its order ("select all N matching", issue 26). */
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
   * rows deleted while in flight created at or after it (see InsertLimits).
   */
  countActive(input?: { createdBy?: string; inFlightSince?: number }): Promise<number>;
  /**
   * One person's rows since `since` that the gateway took (deleted ones too),
   * and their live waiting rows (asked for, issue 26): the daily allowance. A
   * request never sent, or refused, or cancelled while waiting, uses none of it.
   */
  countCreatedSince(input: { createdBy: string; since: number }): Promise<number>;

  // The queue (issue 26): rows waiting for one of their person's slots.
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

  // Per-person favorites (issue 12).
  setFavorite(input: { userId: string; generationId: string; favorite: boolean; now: number }): Promise<void>;
  /** Which of these generations the person starred. */
  favoritesAmong(input: { userId: string; generationIds: string[] }): Promise<Set<string>>;

  // Prices set by admins (issue 12), by key.
  listPrices(): Promise<PriceRow[]>;
  setPrice(row: PriceRow): Promise<void>;
  deletePrice(key: string): Promise<void>;

  /**
   * Usage in [from, to) by createdAt, one grouped query: per key (see
   * UsageGroup), model and size. With createdBy, only that person's rows.
   */
  usageGroups(input: { from: number; to: number; groupBy: UsageGroupBy; createdBy?: string }): Promise<UsageGroup[]>;

  // Boards (issue 14).
  /**
   * Inserts the board; with `cap`, only while its owner has fewer than
   * `maxOwned` boards, checked and written as one step per owner (concurrent
   * inserts by one person count one after another). False: refused by the cap.
   */
  insertBoard(row: BoardRow, cap?: { maxOwned: number }): Promise<boolean>;
  getBoard(id: string): Promise<BoardRow | undefined>;
  /**
   * The boards a person may see: every team board and their own private ones
   * (with `ids`, only those of them), with counts and covers, by name
   * (case-insensitive), then id. With `limit`, one page: the first `limit`
   * boards after `after` in that order (issue 21).
   */
  listBoards(input: { viewerId: string; ids?: string[]; after?: BoardCursor; limit?: number }): Promise<BoardSummary[]>;
  /**
   * How many finished pictures (with a stored image, as a share page shows
   * them) are on the board; with `createdBy` (a person's name), only theirs.
   */
  countBoardPictures(input: { boardId: string; createdBy?: string }): Promise<number>;
  updateBoard(input: { id: string; patch: Partial<Pick<BoardRow, "name" | "visibility" | "updatedAt">> }): Promise<BoardRow | undefined>;
  /** Deletes the board, its items and its shares; never a picture. True when it existed. */
  deleteBoard(id: string): Promise<boolean>;
  /**
   * Puts the generations that exist on the board, in one statement; ids already
   * on it or unknown are skipped. How many were added.
   */
  addBoardItems(input: { boardId: string; generationIds: string[]; now: number }): Promise<number>;
  /** How many were removed. */
  removeBoardItems(input: { boardId: string; generationIds: string[] }): Promise<number>;
  /** Whether the generation is on the board (a share page's image check). */
  boardHas(input: { boardId: string; generationId: string }): Promise<boolean>;

  // Share links (issue 14).
  /**
   * Inserts the link; with `cap`, only while its maker has fewer than
   * `maxLive` links unexpired at `now` (one step per maker, as insertBoard's
   * cap). False: refused by the cap.
   */
  insertShare(row: ShareRow, cap?: { maxLive: number; now: number }): Promise<boolean>;
  /** The share with this token hash, while it has not expired at `now`. */
  getShareByHash(input: { tokenHash: string; now: number }): Promise<ShareRow | undefined>;
  getShare(id: string): Promise<ShareRow | undefined>;
  /** The links the filter names (everyone's for `{}`), newest first. */
  listShares(input: ShareFilter): Promise<ShareSummary[]>;
  /** True when a share was deleted (its link is dead from then on). */
  deleteShare(id: string): Promise<boolean>;

  close(): Promise<void>;
}
