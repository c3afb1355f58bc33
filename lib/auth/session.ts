import "server-only";
import { parse, serialize } from "cookie";
import { sealData, unsealData } from "iron-session";

// The session is the person's name sealed (encrypted and signed) by
// iron-session into an HttpOnly cookie; nothing is kept on the server.

export const SESSION_COOKIE = "studio_session";

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
