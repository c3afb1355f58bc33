import "server-only";
import { sessionCredential, startSession } from "@/lib/auth/server-session";
import { sessionCookie } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import type { StudioDatabase, UserRow } from "@/lib/db";
import { isHttps } from "@/lib/net/is-https";

/**
 * A new server-side session for the person, bound to what today's
 * configuration signs in with (the shared password, in password mode); the
 * cookie that carries its id.
 */
export async function sessionCookieFor(input: { request: Request; db: StudioDatabase; user: UserRow; sessionDays: number; now?: number }): Promise<string> {
  const maxAgeSeconds = input.sessionDays * 86_400;
  const credential = sessionCredential(getConfig().auth);
  const { id } = await startSession({ db: input.db, user: input.user, now: input.now ?? Date.now(), ttlMs: maxAgeSeconds * 1000, credential });
  return sessionCookie({ value: id, maxAgeSeconds, secure: isHttps(input.request) });
}
