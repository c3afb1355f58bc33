import "server-only";
import { getConfig, type StudioConfig } from "@/lib/config";
import { userNameSchema } from "@/lib/contract";
import { StudioError } from "@/lib/errors";
import { SESSION_COOKIE, openSession, readCookie } from "./session";

export const LOCAL_USER = "local";

/**
 * Who is asking, per STUDIO_AUTH: the single local user, the name in a valid
 * session cookie, or the name the team's auth proxy put in the user header.
 * Anything else is 401.
 */
export async function identify(request: Request, auth: StudioConfig["auth"] = getConfig().auth): Promise<string> {
  if (auth.mode === "none") return LOCAL_USER;
  if (auth.mode === "header") {
    const name = userNameSchema.safeParse(request.headers.get(auth.userHeader) ?? "");
    if (!name.success) throw new StudioError("unauthorized", "Sign in through the team's login first");
    return name.data;
  }
  const sealed = readCookie(request, SESSION_COOKIE);
  const user =
    sealed &&
    (await openSession({ sealed, secret: auth.sessionSecret, ttlSeconds: auth.sessionDays * 86_400 }));
  if (!user) throw new StudioError("unauthorized", "Sign in to use the studio");
  return user;
}

/** The same check for pages: undefined instead of an error. */
export async function identifyOrUndefined(request: Request): Promise<string | undefined> {
  try {
    return await identify(request);
  } catch {
    return undefined;
  }
}
