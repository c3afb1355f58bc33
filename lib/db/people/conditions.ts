import "server-only";
import { and, eq, gt, isNull, lt, ne, or, type Column, type SQL } from "drizzle-orm";

// The people slice's WHERE clauses, the same on both engines: each takes the
// engine's table (its columns carry the same names on SQLite and PostgreSQL).

/** An account whose OIDC subject is still `replacing` (null: not linked yet). */
export function stillLinkedTo(users: { id: Column; ssoSubject: Column }, input: { id: string; replacing: string | null }): SQL | undefined {
  const still = input.replacing === null ? isNull(users.ssoSubject) : eq(users.ssoSubject, input.replacing);
  return and(eq(users.id, input.id), still);
}

/** The session with this id hash, while it has not expired at `now`. */
export function liveSession(sessions: { idHash: Column; expiresAt: Column }, input: { idHash: string; now: number }): SQL | undefined {
  return and(eq(sessions.idHash, input.idHash), gt(sessions.expiresAt, input.now));
}

/** Every session but `except` (by id hash); all of them without one. */
export function sessionsBut(sessions: { idHash: Column }, except: string | undefined): SQL | undefined {
  return except === undefined ? undefined : ne(sessions.idHash, except);
}

/** An invite that may still be used at `now`: unused and unexpired. */
export function usableInvite(invites: { idHash: Column; usedAt: Column; expiresAt: Column }, input: { idHash: string; now: number }): SQL | undefined {
  return and(eq(invites.idHash, input.idHash), isNull(invites.usedAt), gt(invites.expiresAt, input.now));
}

/** The token with this hash, while it still works at `now`: no expiry, or one still ahead. */
export function liveToken(tokens: { tokenHash: Column; expiresAt: Column }, input: { tokenHash: string; now: number }): SQL | undefined {
  return and(eq(tokens.tokenHash, input.tokenHash), or(isNull(tokens.expiresAt), gt(tokens.expiresAt, input.now)));
}

/** One person's tokens or everyone's, before a keyset cursor. */
export function tokensPage(tokens: { id: Column; userId: Column }, input: { userId?: string; beforeId?: string }): SQL | undefined {
  return and(input.userId === undefined ? undefined : eq(tokens.userId, input.userId), input.beforeId === undefined ? undefined : lt(tokens.id, input.beforeId));
}
