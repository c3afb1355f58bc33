import "server-only";
import { parse, serialize } from "cookie";
import { sealData, unsealData } from "iron-session";
import { getConfig } from "@/lib/config";
import type { StudioDatabase, UserRow } from "@/lib/db";
import { isHttps } from "@/lib/net/is-https";
import { sessionCredential, startSession } from "./sessions";

// The cookie that carries a session's id (the session itself is a row:
// sessions.ts): its name, making, clearing and reading it.

export const SESSION_COOKIE = "studio_session";

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

export function sessionCookie(input: { value: string; maxAgeSeconds: number; secure: boolean }): string {
  return serialize(SESSION_COOKIE, input.value, { path: "/", httpOnly: true, sameSite: "lax", maxAge: input.maxAgeSeconds, secure: input.secure });
}

export function clearedSessionCookie(): string {
  return serialize(SESSION_COOKIE, "", { path: "/", httpOnly: true, sameSite: "lax", maxAge: 0 });
}

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  return header ? parse(header)[name] : undefined;
}

// The cookie of the kind before server-side sessions: the person's name
// sealed (encrypted and signed) by iron-session. Nothing signs anyone in with
// it any more; tests make one to show that it opens no session.

type SessionData = { user: string; issuedAt: number };

export async function sealSession(input: { user: string; secret: string; ttlSeconds: number; now?: number }): Promise<string> {
  const data: SessionData = { user: input.user, issuedAt: input.now ?? Date.now() };
  return sealData(data, { password: input.secret, ttl: input.ttlSeconds });
}

/** The user of a sealed cookie, or undefined when it is forged, tampered with or expired. */
export async function openSession(input: { sealed: string; secret: string; ttlSeconds: number }): Promise<string | undefined> {
  try {
    const data = (await unsealData<Partial<SessionData>>(input.sealed, { password: input.secret, ttl: input.ttlSeconds })) ?? {};
    return typeof data.user === "string" && data.user ? data.user : undefined;
  } catch {
    return undefined;
  }
}
