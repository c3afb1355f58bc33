import { clientAddress } from "@/lib/auth/client-address";
import { clearedSessionCookie, sessionCookie } from "@/lib/auth/session";
import { signIn } from "@/lib/auth/sign-in";
import { getConfig } from "@/lib/config";
import { signInSchema, type SessionInfo } from "@/lib/contract";
import { StudioError, validationError } from "@/lib/errors";
import { usageOf } from "@/lib/generations";
import { getDeps } from "@/lib/wiring";
import { logger } from "@/lib/log";
import { json, readJsonBody } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

const isHttps = (request: Request) =>
  new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";

/** Sign in with a name and the shared password (STUDIO_AUTH=password). */
export const POST = apiRoute(
  async ({ request }) => {
    const auth = getConfig().auth;
    if (auth.mode !== "password") throw new StudioError("invalid_request", `This studio does not use passwords (STUDIO_AUTH=${auth.mode})`);
    const body = signInSchema.safeParse(await readJsonBody(request, 64 * 1024));
    if (!body.success) throw validationError(body.error);
    const address = clientAddress(request);
    const { sealed, maxAgeSeconds } = await signIn({ db: (await getDeps()).db, auth, name: body.data.name, password: body.data.password, address });
    logger.info({ user: body.data.name }, "signed in");
    return new Response(null, {
      status: 204,
      headers: { "set-cookie": sessionCookie({ value: sealed, maxAgeSeconds, secure: isHttps(request) }), "cache-control": "no-store" },
    });
  },
  { public: true },
);

/** Who is signed in, and how much of today's allowance is left. */
export const GET = apiRoute(async ({ user }) => {
  const usage = await usageOf(await getDeps(), { user });
  const body: SessionInfo = {
    user,
    auth: getConfig().auth.mode,
    limits: { daily: usage.daily, usedToday: usage.usedToday, maxActive: usage.maxActive },
  };
  return json(body);
});

/** Sign out: works even with an expired session, so it never traps anyone. */
export const DELETE = apiRoute(
  async () => new Response(null, { status: 204, headers: { "set-cookie": clearedSessionCookie(), "cache-control": "no-store" } }),
  { public: true },
);
