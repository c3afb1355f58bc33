import { monotonicFactory } from "ulid";
import type { ApiTokenRow, BoardRow, GenerationRow, InviteRow, ReferenceRow, RunRow, SessionRow, ShareRow, TemplateRow, UserRow } from "@/lib/db/types";
import { FRESH_GENERATION } from "../fresh-row";

// Rows for the database tests, the same on both engines: every field filled
// in or not. Test and bench code only (imported by the engines' test-helpers,
// the shared contract and bench/boards.ts).

export const T0 = 1_750_000_000_000;
// Monotonic within one fixed millisecond: ids sort in the order they were made.
const nextUlid = monotonicFactory();

export const genId = () => `gen_${nextUlid(T0)}`;
export const refId = () => `ref_${nextUlid(T0)}`;
export const userId = () => `usr_${nextUlid(T0)}`;

/**
 * A fresh queued row with the nullable fields empty, a batch and a tree of
 * its own (as the insert would store it, so rows read back equal what was
 * written; pass `batchId: null` / `rootId: null` to leave it to the insert).
 */
export function makeRow(overrides: Partial<GenerationRow> = {}): GenerationRow {
  const id = overrides.id ?? genId();
  return {
    ...FRESH_GENERATION,
    id,
    batchId: id,
    rootId: id,
    model: "nano_banana_2",
    prompt: "a lighthouse at dawn",
    aspectRatio: "auto",
    imageSize: null,
    references: [],
    status: "queued",
    createdAt: T0,
    updatedAt: T0,
    createdBy: "alice",
    ...overrides,
  };
}

/** A finished row with every nullable field set. */
export function makeCompletedRow(overrides: Partial<GenerationRow> = {}): GenerationRow {
  const id = overrides.id ?? genId();
  return makeRow({
    id,
    upstreamId: "task_123",
    model: "nano_banana_pro-2K",
    prompt: "日出 over the bay, 100% \"quoted\"",
    aspectRatio: "16:9",
    imageSize: "2K",
    references: [{ kind: "url", url: "https://example.com/a.png" }],
    status: "completed",
    progress: 100,
    errorCode: "none",
    errorMessage: "kept as given",
    createdAt: T0,
    updatedAt: T0 + 30_000,
    submittedAt: T0 + 1_000,
    completedAt: T0 + 30_000,
    lastPolledAt: T0 + 29_000,
    imageKey: `images/${id}.png`,
    thumbKey: `thumbs/${id}.webp`,
    imageWidth: 2752,
    imageHeight: 1536,
    imageBytes: 4_200_000,
    imageContentType: "image/png",
    thumbBytes: 24_000,
    favorite: true,
    createdBy: "bob",
    idempotencyKey: "key-1",
    notFoundCount: 2,
    downloadAttempts: 1,
    resultSeenAt: null,
    resultUrl: null,
    savingReason: null,
    ...overrides,
  });
}

export function makeReference(overrides: Partial<ReferenceRow> = {}): ReferenceRow {
  const id = overrides.id ?? refId();
  return {
    id,
    storageKey: `references/${id}.png`,
    contentType: "image/png",
    bytes: 1234,
    width: 640,
    height: 480,
    createdAt: T0,
    createdBy: "alice",
    ...overrides,
  };
}

export function makeUser(overrides: Partial<UserRow> = {}): UserRow {
  return {
    id: userId(),
    name: "alice",
    email: null,
    passwordHash: null,
    role: "member",
    adminByList: false,
    disabled: false,
    dailyLimit: null,
    maxActive: null,
    monthlyBudget: null,
    createdAt: T0,
    lastSeenAt: null,
    ssoSubject: null,
    ...overrides,
  };
}

export function makeSession(overrides: Partial<SessionRow> & { userId: string }): SessionRow {
  return { idHash: `h_${nextUlid(T0)}`, createdAt: T0, expiresAt: T0 + 86_400_000, lastSeenAt: T0, credential: null, ...overrides };
}

/** An unused invite for `userId`, good for a week from T0. */
export function makeInvite(overrides: Partial<InviteRow> & { userId: string }): InviteRow {
  return { idHash: `i_${nextUlid(T0)}`, createdBy: "admin", createdAt: T0, expiresAt: T0 + 7 * 86_400_000, usedAt: null, ...overrides };
}

/** A personal API token of `userId`, made at T0, never used, never expiring. */
export function makeApiToken(overrides: Partial<ApiTokenRow> & { userId: string }): ApiTokenRow {
  const id = `tok_${nextUlid(T0)}`;
  return { id, name: "ci script", tokenHash: `th_${id}`, createdAt: T0, expiresAt: null, lastUsedAt: null, ...overrides };
}

/** A team board of `ownerId`, made at T0. */
export function makeBoard(overrides: Partial<BoardRow> & { ownerId: string }): BoardRow {
  return { id: `brd_${nextUlid(T0)}`, name: "Moodboard", visibility: "team", createdAt: T0, updatedAt: T0, ...overrides };
}

/** A link made by `createdBy` at T0, never expiring; give it a generationId or a boardId. */
export function makeShare(overrides: Partial<ShareRow> & { createdBy: string }): ShareRow {
  const id = `shr_${nextUlid(T0)}`;
  return { id, tokenHash: `sh_${id}`, generationId: null, boardId: null, createdAt: T0, expiresAt: null, ...overrides };
}

/** A team template of `ownerId`, made at T0, with no references. */
export function makeTemplate(overrides: Partial<TemplateRow> & { ownerId: string }): TemplateRow {
  return {
    id: `tpl_${nextUlid(T0)}`,
    name: "Product shot",
    prompt: "product photo of {product}",
    model: "nano_banana_2",
    aspectRatio: "1:1",
    imageSize: null,
    count: 1,
    visibility: "team",
    uses: 0,
    createdAt: T0,
    updatedAt: T0,
    references: [],
    ...overrides,
  };
}

/** A run of `templateId` by alice at T0 with one row per batch given. */
export function makeRun(overrides: Partial<RunRow> & { templateId: string; batchIds: string[] }): RunRow {
  return {
    id: `run_${nextUlid(T0)}`,
    createdBy: "alice",
    rows: overrides.batchIds.map((_, i) => ({ product: `product ${i + 1}`, surface: "oak" })),
    createdAt: T0,
    ...overrides,
  };
}
