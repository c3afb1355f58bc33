import { clientAddress } from "@/lib/auth/client-address";
import { hashPassword } from "@/lib/auth/password";
import { sessionCookieFor } from "@/lib/auth/session-cookie";
import { checkCurrentPassword } from "@/lib/auth/sign-in";
import { endPersonAccess } from "@/lib/accounts/sign-out";
import { getConfig } from "@/lib/config";
import { changePasswordSchema } from "@/lib/contract";
import { StudioError, validationError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { getDeps } from "@/lib/wiring";
import { readJsonBody } from "@/lib/server/http";
import { trustedDevice } from "@/lib/server/device-cookie";
import { apiRoute } from "@/lib/server/route";

/**
 * A person changes their own password (accounts mode). Every other session
 * ends (a thief's included), and unless endTokens is false every API token
 * too; this browser gets a fresh one. From a browser only: a
 * token gets 403.
 */
export const POST = apiRoute(async ({ request, viewer }) => {
  const auth = getConfig().auth;
  if (auth.mode !== "accounts") throw new StudioError("invalid_request", "Passwords are not kept by this studio (STUDIO_AUTH is not accounts)");
  const body = changePasswordSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw validationError(body.error);
  const { db } = await getDeps();
  // A browser with a device cookie for this person is counted on its own, as at sign-in.
  const device = await trustedDevice({ db, request, account: viewer.name });
  const ok = await checkCurrentPassword({ db, user: viewer, password: body.data.currentPassword, address: clientAddress(request), device });
  if (!ok) throw new StudioError("forbidden", "The current password is wrong");
  await db.updateUser({ id: viewer.id, patch: { passwordHash: await hashPassword(body.data.newPassword) } });
  const ended = await endPersonAccess({ db }, { userId: viewer.id, endTokens: body.data.endTokens });
  const cookie = await sessionCookieFor({ request, db, user: viewer, sessionDays: auth.sessionDays });
  logger.info({ user: viewer.name, ...ended }, "password changed");
  return new Response(null, { status: 204, headers: { "set-cookie": cookie, "cache-control": "no-store" } });
}, { auth: "browser" });
