import "server-only";
import { createHash, createHmac, randomBytes } from "node:crypto";
import type { StudioConfig } from "@/lib/config";
import type { SessionRow, StudioDatabase, UserRow } from "@/lib/db";

// Sessions kept on the server: the cookie (session-cookie.ts) carries an
// opaque random id, the database only its SHA-256, so a copy of the database
// signs nobody in, and ending a session (one, or all of a person's) takes
// effect on the next request. 256 bits: guessing one is hopeless.

const ID_BYTES = 32;
/** A session seen within this long is not written again on every request. */
const TOUCH_EVERY_MS = 5 * 60_000;

export const hashSessionId = (id: string) => createHash("sha256").update(id).digest("base64url");

/**
 * What a session is bound to besides its account. Password mode:
 * the shared password, as an HMAC keyed by the session secret (never the
 * password itself; without the secret a copy of the database cannot be
 * guessed against), so a new STUDIO_PASSWORD (or secret) ends every session
 * made with the old one. Null elsewhere: in accounts mode every change of a
 * person's password ends their sessions where it happens (their own change,
 * an admin's reset, an invite); OIDC and header modes trust the provider or
 * proxy, and none has no sessions. A session made under another mode carries
 * another value, so switching modes signs everyone out.
 */
export function sessionCredential(auth: StudioConfig["auth"]): string | null {
  if (auth.mode !== "password") return null;
  return createHmac("sha256", auth.sessionSecret).update(`nano-studio shared password\0${auth.password}`).digest("base64url");
}

export async function startSession(input: {
  db: StudioDatabase;
  user: Pick<UserRow, "id">;
  now: number;
  ttlMs: number;
  /** See sessionCredential; null: bound to nothing beyond the account. */
  credential?: string | null;
}): Promise<{ id: string; session: SessionRow }> {
  const id = randomBytes(ID_BYTES).toString("base64url");
  const session: SessionRow = {
    idHash: hashSessionId(id),
    userId: input.user.id,
    createdAt: input.now,
    expiresAt: input.now + input.ttlMs,
    lastSeenAt: input.now,
    credential: input.credential ?? null,
  };
  await input.db.insertSession(session);
  return { id, session };
}

/**
 * The person behind a cookie's session id: undefined for an unknown, ended or
 * expired one, and for one made with another credential than today's (that
 * one is ended). A disabled account's sessions are ended here, on their next
 * request, and the answer says so (the caller answers 403, not 401).
 */
export async function resumeSession(input: {
  db: StudioDatabase;
  id: string | undefined;
  now: number;
  /** What the session must have been made with (sessionCredential of today's configuration). */
  credential?: string | null;
}): Promise<{ user: UserRow } | { disabled: true } | undefined> {
  if (!input.id || input.id.length > 200) return undefined;
  const found = await input.db.getSession({ idHash: hashSessionId(input.id), now: input.now });
  if (!found) return undefined;
  if (found.session.credential !== (input.credential ?? null)) {
    await input.db.deleteSession(found.session.idHash);
    return undefined;
  }
  if (found.user.disabled) {
    await input.db.deleteSessionsOf(found.user.id);
    return { disabled: true };
  }
  const seen = found.user.lastSeenAt;
  if (seen === null || input.now - seen >= TOUCH_EVERY_MS) {
    await input.db.updateUser({ id: found.user.id, patch: { lastSeenAt: input.now } });
  }
  return { user: found.user };
}

export async function endSession(input: { db: StudioDatabase; id: string | undefined }): Promise<void> {
  if (input.id) await input.db.deleteSession(hashSessionId(input.id));
}

/** "Sign out everywhere": every session of the person; how many ended. */
export function endEverySession(input: { db: StudioDatabase; userId: string }): Promise<number> {
  return input.db.deleteSessionsOf(input.userId);
}
