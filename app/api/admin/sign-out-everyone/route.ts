import { hashSessionId } from "@/lib/auth/sessions";
import { readCookie, SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { adminSignOutSchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { signOutEveryone } from "@/lib/accounts/sign-out";
import { getDeps } from "@/lib/wiring";
import { json, readOptionalJsonBody } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

/**
 * Ends everyone's sessions but the calling admin's own and, unless endTokens
 * is false, every API token (admins, from a browser).
 */
export const POST = apiRoute(
  async ({ request, viewer }) => {
    const body = adminSignOutSchema.safeParse((await readOptionalJsonBody(request)) ?? {});
    if (!body.success) throw validationError(body.error);
    const own = readCookie(request, SESSION_COOKIE);
    const keepSession = own ? hashSessionId(own) : undefined;
    return json(await signOutEveryone(await getDeps(), { keepSession, endTokens: body.data.endTokens, by: viewer.name }));
  },
  { admin: true },
);
