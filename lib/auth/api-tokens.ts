import "server-only";
import { randomBytes } from "node:crypto";
import { monotonicFactory } from "ulid";
import type { ApiTokenRow, StudioDatabase, UserRow } from "@/lib/db";
import { hashSessionId } from "./server-session";

// Personal API tokens (issue 13): `Authorization: Bearer nst_…` acts as the
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

export async function createApiToken(input: {
  db: StudioDatabase;
  user: Pick<UserRow, "id">;
  name: string;
  /** null: never expires. */
  expiresInDays: number | null;
  now: number;
}): Promise<{ row: ApiTokenRow; token: string }> {
  const token = TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString("base64url");
  const row: ApiTokenRow = {
    id: newTokenId(input.now),
    userId: input.user.id,
    name: input.name,
    tokenHash: hashApiToken(token),
    createdAt: input.now,
    expiresAt: input.expiresInDays === null ? null : input.now + input.expiresInDays * DAY_MS,
    lastUsedAt: null,
  };
  await input.db.insertApiToken(row);
  return { row, token };
}

/**
 * The person a token acts for; "disabled" when their account is disabled
 * (403, and the token keeps existing for when it is enabled again); undefined
 * for an unknown, expired or revoked one. Marks the token used, at most once
 * a minute.
 */
export async function resolveApiToken(input: { db: StudioDatabase; token: string; now: number }): Promise<UserRow | "disabled" | undefined> {
  if (!isApiToken(input.token)) return undefined;
  const found = await input.db.getApiTokenByHash({ tokenHash: hashApiToken(input.token), now: input.now });
  if (!found) return undefined;
  if (found.user.disabled) return "disabled";
  const used = found.token.lastUsedAt;
  if (used === null || input.now - used >= TOUCH_EVERY_MS) await input.db.touchApiToken({ id: found.token.id, now: input.now });
  return found.user;
}
