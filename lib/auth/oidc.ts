import "server-only";
import { parse, serialize } from "cookie";
import { sealData, unsealData } from "iron-session";
import * as openid from "openid-client";
import { z } from "zod";
import { getConfig, type StudioConfig } from "@/lib/config";
import { userNameSchema } from "@/lib/contract";
import type { StudioDatabase, UserRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { isHttps } from "@/lib/net/is-https";
import { processSingleton } from "@/lib/singleton";
import { isListedAdmin, newAccountRow } from "./accounts";
import { safeReturnTo } from "./return-to";

// STUDIO_AUTH=oidc: authorization code + PKCE (S256) with state and nonce,
// through openid-client, which does every check of the answer. What the
// callback needs from the start (state, nonce, verifier, where to go back)
// rides in a short-lived sealed cookie, so no login transaction is stored.

export type OidcAuth = Extract<StudioConfig["auth"], { mode: "oidc" }>;

/**
 * Why a sign-in ended on /sign-in?error=<code>: the two codes the sign-in page
 * words for people. The message says exactly why, for the log.
 */
export type OidcRefusalCode = "oidc_failed" | "disabled";

export class OidcRefusal extends Error {
  override name = "OidcRefusal";
  constructor(
    readonly code: OidcRefusalCode,
    message: string,
  ) {
    super(message);
  }
}

export const CALLBACK_PATH = "/api/auth/oidc/callback";
export const TRANSACTION_COOKIE = "studio_oidc";
/** Long enough to type a password at the provider, short enough that a stale tab's answer is refused. */
export const TRANSACTION_TTL_SECONDS = 600;
const COOKIE_PATH = "/api/auth/oidc";
const SCOPE = "openid email profile";

/** The oidc settings, or invalid_request when this studio signs in some other way. */
export function oidcAuth(auth: StudioConfig["auth"] = getConfig().auth): OidcAuth {
  if (auth.mode !== "oidc") throw new StudioError("invalid_request", `This studio does not sign in through OpenID Connect (STUDIO_AUTH=${auth.mode})`);
  return auth;
}

/** OIDC_REDIRECT_URL, or this request's origin + the callback path. */
export function redirectUri(auth: OidcAuth, request: Request): string {
  if (auth.redirectUrl) return auth.redirectUrl;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
  return `${isHttps(request) ? "https" : "http"}://${host}${CALLBACK_PATH}`;
}

// The password sign-in brings a person back the same way (app/sign-in/page.tsx).
export { safeReturnTo };

// Discovery once per process (Next bundles each route apart, hence globalThis);
// a failed one is forgotten, so the next sign-in tries again.
const discovery = processSingleton("oidc-discovery", () => ({ key: "", config: undefined as Promise<openid.Configuration> | undefined }));

export function providerConfiguration(auth: OidcAuth): Promise<openid.Configuration> {
  const key = `${auth.issuer} ${auth.clientId}`;
  if (discovery.key === key && discovery.config) return discovery.config;
  const config = openid
    .discovery(new URL(auth.issuer), auth.clientId, auth.clientSecret, undefined, {
      timeout: 10,
      // OIDC_ISSUER may be http (config allows it, e.g. a provider on the team's own network or loopback in tests).
      execute: new URL(auth.issuer).protocol === "http:" ? [openid.allowInsecureRequests] : [],
    })
    .catch((error: unknown) => {
      if (discovery.config === config) discovery.config = undefined;
      throw new OidcRefusal("oidc_failed", `OpenID Connect discovery at ${auth.issuer} failed: ${messageOf(error)}`);
    });
  Object.assign(discovery, { key, config });
  return config;
}

const transactionSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  redirectUri: z.string(),
  returnTo: z.string(),
  createdAt: z.number(),
});
type Transaction = z.infer<typeof transactionSchema>;

/** The provider's authorization URL and the sealed transaction cookie that goes with it. */
export async function beginSignIn(input: { auth: OidcAuth; request: Request; returnTo?: string; now?: number }): Promise<{ location: string; cookie: string }> {
  const config = await providerConfiguration(input.auth);
  const codeVerifier = openid.randomPKCECodeVerifier();
  const tx: Transaction = {
    state: openid.randomState(),
    nonce: openid.randomNonce(),
    codeVerifier,
    redirectUri: redirectUri(input.auth, input.request),
    returnTo: safeReturnTo(input.returnTo),
    createdAt: input.now ?? Date.now(),
  };
  const url = openid.buildAuthorizationUrl(config, {
    redirect_uri: tx.redirectUri,
    scope: SCOPE,
    code_challenge: await openid.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state: tx.state,
    nonce: tx.nonce,
  });
  const sealed = await sealData(tx, { password: input.auth.sessionSecret, ttl: TRANSACTION_TTL_SECONDS });
  const cookie = serialize(TRANSACTION_COOKIE, sealed, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: "lax",
    maxAge: TRANSACTION_TTL_SECONDS,
    secure: isHttps(input.request),
  });
  return { location: url.href, cookie };
}

export function clearedTransactionCookie(request: Request): string {
  return serialize(TRANSACTION_COOKIE, "", { path: COOKIE_PATH, httpOnly: true, sameSite: "lax", maxAge: 0, secure: isHttps(request) });
}

/**
 * The provider's answer → the person's account: the code exchanged (state,
 * nonce and PKCE checked by openid-client), the account made or refreshed.
 * Every refusal is an OidcRefusal; the caller starts the session.
 */
export async function finishSignIn(input: { auth: OidcAuth; db: StudioDatabase; request: Request; now?: number }): Promise<{ user: UserRow; returnTo: string }> {
  const now = input.now ?? Date.now();
  const tx = await openTransaction(input.auth, input.request, now);
  const config = await providerConfiguration(input.auth);
  // The answer as the provider addressed it: the token request repeats that redirect_uri exactly.
  const answer = new URL(tx.redirectUri);
  answer.search = new URL(input.request.url).search;
  let claims: Record<string, unknown>;
  try {
    const tokens = await openid.authorizationCodeGrant(config, answer, {
      pkceCodeVerifier: tx.codeVerifier,
      expectedState: tx.state,
      expectedNonce: tx.nonce,
      idTokenExpected: true,
    });
    claims = { ...tokens.claims() };
    // Providers that keep the ID token lean (OIDC Core's default) give the rest at userinfo.
    if (typeof claims.preferred_username !== "string" && typeof claims.email !== "string" && config.serverMetadata().userinfo_endpoint) {
      claims = { ...(await openid.fetchUserInfo(config, tokens.access_token, String(claims.sub))), ...claims };
    }
  } catch (error) {
    throw new OidcRefusal("oidc_failed", `The provider's answer was refused: ${messageOf(error)}`);
  }
  const person = personOf(claims);
  const user = await signInAccount({ db: input.db, auth: input.auth, subject: subjectOf(claims), ...person, now });
  return { user, returnTo: tx.returnTo };
}

async function openTransaction(auth: OidcAuth, request: Request, now: number): Promise<Transaction> {
  const sealed = parse(request.headers.get("cookie") ?? "")[TRANSACTION_COOKIE];
  let data: unknown;
  try {
    data = sealed ? await unsealData(sealed, { password: auth.sessionSecret, ttl: TRANSACTION_TTL_SECONDS }) : undefined;
  } catch {
    data = undefined;
  }
  const tx = transactionSchema.safeParse(data);
  if (!tx.success) throw new OidcRefusal("oidc_failed", "No sign-in in progress in this browser (missing, expired or tampered transaction cookie)");
  if (now - tx.data.createdAt > TRANSACTION_TTL_SECONDS * 1000) throw new OidcRefusal("oidc_failed", "The sign-in took longer than 10 minutes");
  return tx.data;
}

/** name = preferred_username ?? email ?? sub; an email the provider says is unverified is not used. */
export function personOf(claims: Record<string, unknown>): { name: string; email: string | null } {
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
  const email = claims.email_verified === false ? undefined : text(claims.email);
  const raw = text(claims.preferred_username) ?? email ?? text(claims.sub);
  const name = userNameSchema.safeParse(raw ?? "");
  if (!name.success) {
    throw new OidcRefusal("oidc_failed", `The provider's name for this person is not allowed here (${name.error.issues[0]?.message ?? "invalid"})`);
  }
  return { name: name.data, email: email ?? null };
}

/**
 * The account for this person, found by the provider's issuer and subject:
 * a name (preferred_username, an email) is only what the provider calls
 * someone today; it may change, and another person may take it up. Made on
 * first sight. An account of this name that nobody has signed in to through
 * this provider yet (from before subjects were kept, from another sign-in
 * mode, or from a provider since replaced) becomes this person's at their
 * first sign-in; one that is already someone else's is refused rather than
 * handed over. Email and admin role refreshed on every sign-in (STUDIO_ADMINS
 * promotes; an admin's own changes to others' roles stand). A disabled
 * account gets no session.
 */
async function signInAccount(input: { db: StudioDatabase; auth: OidcAuth; subject: string; name: string; email: string | null; now: number }): Promise<UserRow> {
  const found = (await input.db.getUserBySsoSubject(input.subject)) ?? (await accountByName(input));
  if (found.disabled) throw new OidcRefusal("disabled", `The account ${found.name} is disabled`);
  // Linked only if still as read: someone else's first sign-in may have linked it a moment ago.
  if (found.ssoSubject !== input.subject && !(await input.db.linkSsoSubject({ id: found.id, subject: input.subject, replacing: found.ssoSubject }))) {
    throw nameTaken(input.name);
  }
  const listed = isListedAdmin(input.auth.admins, { name: found.name, email: input.email });
  const patch: Partial<UserRow> = { lastSeenAt: input.now };
  if (input.email !== null && input.email !== found.email) patch.email = input.email;
  if (listed && found.role !== "admin") patch.role = "admin";
  return (await input.db.updateUser({ id: found.id, patch })) ?? found;
}

/** The account the provider's name for this person points at, made if there is none; never another person's. */
async function accountByName(input: { db: StudioDatabase; auth: OidcAuth; subject: string; name: string; email: string | null; now: number }): Promise<UserRow> {
  const role = isListedAdmin(input.auth.admins, { name: input.name, email: input.email }) ? "admin" : "member";
  const account =
    (await input.db.getUserByName(input.name)) ??
    (await input.db.ensureUser({ ...newAccountRow({ name: input.name, email: input.email, role, now: input.now }), ssoSubject: input.subject }));
  // Linked to this provider as someone else: refused. Linked to another
  // issuer (the provider was replaced, so its people all have new subjects):
  // nobody can sign in as that one any more, and the name links it again.
  const linked = account.ssoSubject;
  if (linked !== null && linked !== input.subject && issuerOf(linked) === issuerOf(input.subject)) throw nameTaken(input.name);
  return account;
}

// An issuer is a URL (no spaces); a sub may hold any character.
const issuerOf = (subject: string) => subject.slice(0, subject.indexOf(" "));

const nameTaken = (name: string) => new OidcRefusal("oidc_failed", `The name ${name} belongs to another person who signed in through the provider before`);

/** Who the provider says this is, for good: OIDC promises only issuer + sub to stay one person's. */
export function subjectOf(claims: Record<string, unknown>): string {
  if (typeof claims.iss !== "string" || typeof claims.sub !== "string" || !claims.sub) {
    throw new OidcRefusal("oidc_failed", "The provider's ID token names no issuer or subject");
  }
  return `${claims.iss} ${claims.sub}`;
}

function messageOf(error: unknown): string {
  if (error instanceof OidcRefusal) return error.message;
  if (error instanceof Error) {
    // openid-client's messages name the check that failed, never the values (no code, token, state or nonce).
    const code = "code" in error && typeof error.code === "string" ? `${error.code}: ` : "";
    const said = "error" in error && typeof error.error === "string" ? ` (the provider said ${error.error})` : "";
    const why = error.cause instanceof Error && error.cause.message !== error.message ? `: ${error.cause.message}` : "";
    return `${code}${error.message}${why}${said}`.slice(0, 300);
  }
  return "unknown error";
}

/** A 302 for a browser on its way (to the provider, back home, or to the sign-in page with a reason). */
export function redirectTo(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(null, { status: 302, headers });
}
