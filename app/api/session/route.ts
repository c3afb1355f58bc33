import { clientAddress } from "@/lib/auth/client-address";
import { identify } from "@/lib/auth/identify";
import { endEverySession, endSession } from "@/lib/auth/server-session";
import { clearedSessionCookie, readCookie, SESSION_COOKIE } from "@/lib/auth/session";
import { signIn } from "@/lib/auth/sign-in";
import { getConfig } from "@/lib/config";
import { signInSchema } from "@/lib/contract";
import { StudioError, validationError } from "@/lib/errors";
import { getDeps } from "@/lib/wiring";
import { logger } from "@/lib/log";
import { json, readJsonBody } from "@/lib/server/http";
import { apiRoute, publicRoute } from "@/lib/server/route";
import { sessionInfoOf } from "@/lib/server/session-info";
import { sessionCookieFor } from "@/lib/server/signed-in";

/** Sign in with a name and a password: the shared one (password mode) or the person's own (accounts). */
export const POST = publicRoute(async ({ request }) => {
  const auth = getConfig().auth;
  if (auth.mode !== "password" && auth.mode !== "accounts") {
    throw new StudioError("invalid_request", `This studio does not sign in with passwords (STUDIO_AUTH=${auth.mode})`);
  }
  const body = signInSchema.safeParse(await readJsonBody(request, 64 * 1024));
  if (!body.success) throw validationError(body.error);
  const { db } = await getDeps();
  const user = await signIn({ db, auth, name: body.data.name, password: body.data.password, address: clientAddress(request) });
  const cookie = await sessionCookieFor({ request, db, user, sessionDays: auth.sessionDays });
  logger.info({ user: user.name }, "signed in");
  return new Response(null, { status: 204, headers: { "set-cookie": cookie, "cache-control": "no-store" } });
});

/** Who is signed in, with what is left today and this month. */
export const GET = apiRoute(async ({ viewer }) => json(await sessionInfoOf(viewer)));

/**
 * Sign out: this session, or with ?all=1 every session of the person ("sign
 * out everywhere"). Signing out of one works even with an expired session,
 * so it never traps anyone; everywhere needs to know who is asking.
 */
export const DELETE = publicRoute(async ({ request }) => {
  const { db } = await getDeps();
  const id = readCookie(request, SESSION_COOKIE);
  const all = new URL(request.url).searchParams.get("all");
  if (all === "1" || all === "true") {
    const viewer = await identify(request);
    const ended = await endEverySession({ db, userId: viewer.id });
    logger.info({ user: viewer.name, sessions: ended }, "signed out everywhere");
  } else {
    await endSession({ db, id });
  }
  return new Response(null, { status: 204, headers: { "set-cookie": clearedSessionCookie(), "cache-control": "no-store" } });
});
