import { z } from "zod";
import { OidcRefusal, clearedTransactionCookie, finishSignIn, oidcAuth, redirectTo } from "@/lib/auth/oidc";
import { sessionCookieFor } from "@/lib/auth/session-cookie";
import { logger } from "@/lib/log";
import { searchParamsObject } from "@/lib/server/http";
import { publicRoute } from "@/lib/server/route";
import { getDeps } from "@/lib/wiring";

// Bounds only: openid-client reads and checks the answer itself. Other
// parameters (Keycloak's session_state…) pass untouched.
const querySchema = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(1024).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
});

/**
 * Where the provider sends the person back: signed in and home, or to the
 * sign-in page with the reason. The transaction cookie is spent either way.
 * Codes, tokens, state and nonce are never logged.
 */
export const GET = publicRoute(async ({ request }) => {
  const auth = oidcAuth();
  const spent = clearedTransactionCookie(request);
  try {
    if (!querySchema.safeParse(searchParamsObject(request.url)).success) throw new OidcRefusal("oidc_failed", "The provider's answer is malformed");
    const { db } = await getDeps();
    const { user, returnTo } = await finishSignIn({ auth, db, request });
    const session = await sessionCookieFor({ request, db, user, sessionDays: auth.sessionDays });
    logger.info({ user: user.name }, "signed in");
    return redirectTo(returnTo, [spent, session]);
  } catch (error) {
    if (!(error instanceof OidcRefusal)) throw error;
    logger.warn({ code: error.code, reason: error.message }, "oidc sign-in refused");
    return redirectTo(`/sign-in?error=${error.code}`, [spent]);
  }
});
