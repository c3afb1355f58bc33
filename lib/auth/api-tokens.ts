import "server-only";
import { randomBytes } from "node:crypto";
import { monotonicFactory } from "ulid";
import type { ApiTokenRow, StudioDatabase, UserRow } from "@/lib/db";
import { hashSessionId } from "./sessions";

// Personal API tokens: `Authorization: Bearer nst_…` acts as the
// person who made it, with their limits. The secret is 256 random bits shown
// once; the database keeps only its SHA-256 (as for sessions), so a copy of
// the database lets nobody in, and revoking is deleting the row.

export const TOKEN_PREFIX = "nst_";
const TOKEN_BYTES = 32;
/** Longer than any token we make: nothing larger is hashed or looked up. */
const MAX_TOKEN_LENGTH = 200;
/** A token used within this long is not written again on every request. */
const TOUCH_EVERY_MS = 60_000;
const DAY_MS = 86_400_000;

/** Where the admins' maximum lifetime of a token is kept (studio_settings), in days. */
export const TOKEN_MAX_DAYS_SETTING = "token-max-days";
/** Until an admin chooses: a year. */
export const DEFAULT_TOKEN_MAX_DAYS = 365;
/** The most an admin may allow: ten years, as the create form's own bound. */
export const LONGEST_TOKEN_MAX_DAYS = 3650;

/** The admins' maximum lifetime of a token, in days (the default while none is stored). */
export async function tokenMaxDays(db: Pick<StudioDatabase, "getSetting">): Promise<number> {
  const stored = Number(await db.getSetting(TOKEN_MAX_DAYS_SETTING));
  return Number.isInteger(stored) && stored >= 1 && stored <= LONGEST_TOKEN_MAX_DAYS ? stored : DEFAULT_TOKEN_MAX_DAYS;
}

const ulid = monotonicFactory();
export const newTokenId = (now = Date.now()) => `tok_${ulid(now)}`;
export const hashApiToken = hashSessionId;

/**
 * What the Authorization header says: no bearer at all (undefined: the
 * cookie or header rules apply), or the bearer value, which may not be one of
 * ours (the caller refuses anything without the prefix).
 */
export function bearerOf(request: Request): string | undefined {
  const header = request.headers.get("authorization");
  const match = header?.trim().match(/^bearer(?:\s+(.*))?$/is);
  return match ? (match[1] ?? "").trim() : undefined;
}

export const isApiToken = (value: string) => value.startsWith(TOKEN_PREFIX) && value.length <= MAX_TOKEN_LENGTH;

/**
 * When a token stops working: its own expiry, or its creation plus
 * the longest life the admins allow, whichever comes first. So a token that
 * never expires (made before there was a maximum) ends at createdAt + max,
 * and lowering the maximum shortens every token at once.
 */
export function effectiveExpiry(token: Pick<ApiTokenRow, "createdAt" | "expiresAt">, maxDays: number): number {
  const longest = token.createdAt + maxDays * DAY_MS;
  return token.expiresAt === null ? longest : Math.min(token.expiresAt, longest);
}

/** Thrown when the person already holds as many tokens as they may. */
export class TokenCapReached extends Error {
  override name = "TokenCapReached";
}

export async function createApiToken(input: {
  db: StudioDatabase;
  user: Pick<UserRow, "id">;
  name: string;
  /** null: as long as allowed (never, without maxDays). */
  expiresInDays: number | null;
  now: number;
  /** The longest life the admins allow: a longer (or no) expiry gets this one. */
  maxDays?: number;
  /** At most this many tokens per person (TokenCapReached past it). */
  maxPerUser?: number;
}): Promise<{ row: ApiTokenRow; token: string }> {
  const token = TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString("base64url");
  const days = input.maxDays === undefined ? input.expiresInDays : Math.min(input.expiresInDays ?? input.maxDays, input.maxDays);
  const row: ApiTokenRow = {
    id: newTokenId(input.now),
    userId: input.user.id,
    name: input.name,
    tokenHash: hashApiToken(token),
    createdAt: input.now,
    expiresAt: days === null ? null : input.now + days * DAY_MS,
    lastUsedAt: null,
  };
  if (!(await input.db.insertApiToken(row, { maxPerUser: input.maxPerUser }))) throw new TokenCapReached();
  return { row, token };
}

/**
 * The person a token acts for; "disabled" when their account is disabled
 * (403; disabling someone on /admin also revokes their tokens); undefined
 * for an unknown, expired or revoked one, and one older than `maxDays` (the
 * admins' maximum, see effectiveExpiry). Marks the token used, at most once
 * a minute.
 */
export async function resolveApiToken(input: { db: StudioDatabase; token: string; now: number; maxDays?: number }): Promise<UserRow | "disabled" | undefined> {
  if (!isApiToken(input.token)) return undefined;
  const found = await input.db.getApiTokenByHash({ tokenHash: hashApiToken(input.token), now: input.now });
  if (!found) return undefined;
  if (input.maxDays !== undefined && effectiveExpiry(found.token, input.maxDays) <= input.now) return undefined;
  if (found.user.disabled) return "disabled";
  const used = found.token.lastUsedAt;
  if (used === null || input.now - used >= TOUCH_EVERY_MS) await input.db.touchApiToken({ id: found.token.id, now: input.now });
  return found.user;
}
