import "server-only";
import { getConfig, type StudioConfig } from "@/lib/config";
import { userNameSchema } from "@/lib/contract";
import type { StudioDatabase, UserRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { accountNamed, isListedAdmin, roleFromList } from "./accounts";
import { bearerOf, isApiToken, resolveApiToken, tokenMaxDays } from "./api-tokens";
import { resumeSession, sessionCredential } from "./sessions";
import { SESSION_COOKIE, readCookie } from "./session-cookie";

export const LOCAL_USER = "local";

/** A person seen this recently is not written again on every request. */
const TOUCH_EVERY_MS = 5 * 60_000;

export const DISABLED_MESSAGE = "This account is disabled. Ask an admin of the studio to enable it.";
export const BAD_TOKEN_MESSAGE = "The API token is not valid (unknown, expired or revoked)";

/**
 * How the person was identified: a studio session cookie, a
 * personal API token, the auth proxy's header (header mode) or the one local
 * user (none mode). Routes that must not be reachable with a token (making
 * tokens, the session, admin) refuse "token" (lib/server/route.ts).
 */
export type AuthMethod = "session" | "token" | "proxy" | "local";
export type Identity = { user: UserRow; method: AuthMethod };

/** `db`: the caller's (the routes' wrappers and pages hand over the composition root's). */
type IdentifyOptions = { db: StudioDatabase; auth?: StudioConfig["auth"]; now?: number };

/**
 * Who is asking, per STUDIO_AUTH, as their account, and how: the single local
 * user (an admin), the person the team's auth proxy names in the user header,
 * or the person of a server-side session (password, accounts and oidc modes).
 * Unknown, ended or expired sessions are 401, as is one made with another
 * shared password than today's; a disabled account is 403. STUDIO_ADMINS
 * decides the role of the proxy's and the shared password's people on every
 * request. In every mode a personal API token (`Authorization: Bearer nst_…`)
 * comes first and alone decides: a script holds no cookie, and a bad token
 * must not fall back to whatever else the request carries. The one exception:
 * behind an auth proxy (header mode) a bearer that is not ours is the proxy's
 * own (oauth2-proxy can pass its access token along) and is left to the proxy.
 */
export async function identifyRequest(request: Request, options: IdentifyOptions): Promise<Identity> {
  const auth = options.auth ?? getConfig().auth;
  const db = options.db;
  const now = options.now ?? Date.now();
  const bearer = bearerOf(request);
  const proxysOwn = auth.mode === "header" && bearer !== undefined && !isApiToken(bearer);
  if (bearer !== undefined && !proxysOwn) {
    const person = isApiToken(bearer) ? await resolveApiToken({ db, token: bearer, now, maxDays: await tokenMaxDays(db) }) : undefined;
    if (person === undefined) throw new StudioError("unauthorized", BAD_TOKEN_MESSAGE);
    if (person === "disabled") throw new StudioError("forbidden", DISABLED_MESSAGE);
    return { user: await seen(db, person, now), method: "token" };
  }
  if (auth.mode === "none") return { user: await seen(db, await accountNamed(db, { name: LOCAL_USER, admin: true, now }), now), method: "local" };
  if (auth.mode === "header") {
    const name = userNameSchema.safeParse(request.headers.get(auth.userHeader) ?? "");
    if (!name.success) throw new StudioError("unauthorized", "Sign in through the team's login first");
    const user = await accountNamed(db, { name: name.data, admin: isListedAdmin(auth.admins, { name: name.data }), now });
    if (user.disabled) throw new StudioError("forbidden", DISABLED_MESSAGE);
    return { user: await seen(db, user, now), method: "proxy" };
  }
  const resumed = await resumeSession({ db, id: readCookie(request, SESSION_COOKIE), now, credential: sessionCredential(auth) });
  if (!resumed) throw new StudioError("unauthorized", "Sign in to use the studio");
  if ("disabled" in resumed) throw new StudioError("forbidden", DISABLED_MESSAGE);
  // The list may have changed since the sign-in (sessions last weeks).
  const user = auth.mode === "password" ? await roleFromList(db, resumed.user, isListedAdmin(auth.admins, { name: resumed.user.name })) : resumed.user;
  return { user, method: "session" };
}

/** Who is asking (see identifyRequest), when how does not matter. */
export async function identify(request: Request, options: IdentifyOptions): Promise<UserRow> {
  return (await identifyRequest(request, options)).user;
}

/** Modes where a person signs in on the studio's own sign-in page. */
export const signsInHere = (auth: StudioConfig["auth"]) => auth.mode === "password" || auth.mode === "accounts" || auth.mode === "oidc";

/** Last seen, for the admin page; written at most every few minutes. */
async function seen(db: StudioDatabase, user: UserRow, now: number): Promise<UserRow> {
  if (user.lastSeenAt !== null && now - user.lastSeenAt < TOUCH_EVERY_MS) return user;
  return (await db.updateUser({ id: user.id, patch: { lastSeenAt: now } })) ?? user;
}
