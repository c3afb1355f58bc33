import { acceptInvite } from "@/lib/accounts/invites";
import { sessionCookieFor } from "@/lib/auth/session-cookie";
import { getConfig } from "@/lib/config";
import { acceptInviteSchema } from "@/lib/contract";
import { StudioError, validationError } from "@/lib/errors";
import { getDeps } from "@/lib/wiring";
import { readJsonBody } from "@/lib/server/http";
import { deviceCookieFor } from "@/lib/server/device-cookie";
import { publicRoute } from "@/lib/server/route";

/** Sets the invited person's password (once) and signs them in; the browser gets its device cookie, as at sign-in. */
export const POST = publicRoute<{ params: Promise<{ token: string }> }>(async ({ request, context }) => {
  const auth = getConfig().auth;
  if (auth.mode !== "accounts") throw new StudioError("invalid_request", "This studio does not use invites (STUDIO_AUTH is not accounts)");
  const body = acceptInviteSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw validationError(body.error);
  const deps = await getDeps();
  const user = await acceptInvite(deps, { token: (await context.params).token, password: body.data.password });
  const headers = new Headers({ "cache-control": "no-store" });
  headers.append("set-cookie", await sessionCookieFor({ request, db: deps.db, user, sessionDays: auth.sessionDays }));
  headers.append("set-cookie", await deviceCookieFor({ db: deps.db, request, account: user.name }));
  return new Response(null, { status: 204, headers });
});
