import { clientAddress } from "@/lib/auth/client-address";
import { endSession } from "@/lib/auth/sessions";
import { endPersonAccess } from "@/lib/accounts/sign-out";
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookieFor } from "@/lib/auth/session-cookie";
import { signIn, throttleAccountOf } from "@/lib/auth/sign-in";
import { getConfig } from "@/lib/config";
import { signInSchema, signOutQuerySchema } from "@/lib/contract";
import { StudioError, validationError } from "@/lib/errors";
import { getDeps } from "@/lib/wiring";
import { logger } from "@/lib/log";
import { json, readJsonBody, searchParamsObject } from "@/lib/server/http";
import { deviceCookieFor, trustedDevice } from "@/lib/server/device-cookie";
import { apiRoute, publicRoute, routeCaller } from "@/lib/server/route";
import { sessionInfoOf } from "@/lib/server/session-info";

/**
 * Sign in with a name and a password: the shared one (password mode) or the
 * person's own (accounts). A right one also sets (renews) this browser's
 * device cookie for the account: its later attempts count apart from the
 * address's (lib/auth/device-cookie.ts).
 */
export const POST = publicRoute(async ({ request }) => {
  const auth = getConfig().auth;
  if (auth.mode !== "password" && auth.mode !== "accounts") {
    throw new StudioError("invalid_request", `This studio does not sign in with passwords (STUDIO_AUTH=${auth.mode})`);
  }
  const body = signInSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw validationError(body.error);
  const { db } = await getDeps();
  const account = throttleAccountOf(auth, body.data.name);
  const device = await trustedDevice({ db, request, account });
  const user = await signIn({ db, auth, name: body.data.name, password: body.data.password, address: clientAddress(request), device });
  const headers = new Headers({ "cache-control": "no-store" });
  // The session cookie first: clients that read one Set-Cookie take the session.
  headers.append("set-cookie", await sessionCookieFor({ request, db, user, sessionDays: auth.sessionDays }));
  headers.append("set-cookie", await deviceCookieFor({ db, request, account }));
  logger.info({ user: user.name, knownDevice: device !== undefined }, "signed in");
  return new Response(null, { status: 204, headers });
});

/** Who is signed in, with what is left today and this month (a browser's session; a token gets 403). */
export const GET = apiRoute(async ({ viewer }) => json(await sessionInfoOf(viewer)), { auth: "browser" });

/**
 * Sign out: this session, or with ?all=1 every session of the person ("sign
 * out everywhere") and, unless endTokens=0, every API token of theirs (a
 * thief with a session may have made one). Signing out of one works even
 * with an expired session, so it never traps anyone; everywhere needs to
 * know who is asking, from a browser (a token gets 403).
 */
export const DELETE = publicRoute(async ({ request }) => {
  const { db } = await getDeps();
  const id = readCookie(request, SESSION_COOKIE);
  const query = signOutQuerySchema.safeParse(searchParamsObject(request.url));
  if (!query.success) throw validationError(query.error, "query");
  if (query.data.all) {
    const viewer = await routeCaller(request, { auth: "browser" });
    const ended = await endPersonAccess({ db }, { userId: viewer.id, endTokens: query.data.endTokens ?? true });
    logger.info({ user: viewer.name, ...ended }, "signed out everywhere");
  } else {
    await endSession({ db, id });
  }
  // Signed-in reads are kept by the browser (`private, no-cache`, for the
  // back/forward cache): signing out drops them, and the pages kept for Back.
  return new Response(null, { status: 204, headers: { "set-cookie": clearedSessionCookie(), "cache-control": "no-store", "clear-site-data": '"cache"' } });
});
