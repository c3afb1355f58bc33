import { z } from "zod";
import { OidcRefusal, beginSignIn, oidcAuth, redirectTo } from "@/lib/auth/oidc";
import { validationError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { searchParamsObject } from "@/lib/server/http";
import { publicRoute } from "@/lib/server/route";

const querySchema = z.object({ returnTo: z.string().max(500).optional() });

/** Sign in through the team's OpenID Connect provider: off to its login, the transaction in a sealed cookie. */
export const GET = publicRoute(async ({ request }) => {
  const auth = oidcAuth();
  const query = querySchema.safeParse(searchParamsObject(request.url));
  if (!query.success) throw validationError(query.error, "query");
  try {
    const { location, cookie } = await beginSignIn({ auth, request, returnTo: query.data.returnTo });
    return redirectTo(location, [cookie]);
  } catch (error) {
    if (!(error instanceof OidcRefusal)) throw error;
    logger.warn({ code: error.code, reason: error.message }, "oidc sign-in could not start");
    return redirectTo(`/sign-in?error=${error.code}`);
  }
});
