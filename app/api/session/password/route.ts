import { verifyPassword, hashPassword } from "@/lib/auth/password";
import { endEverySession } from "@/lib/auth/server-session";
import { getConfig } from "@/lib/config";
import { changePasswordSchema } from "@/lib/contract";
import { StudioError, validationError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { getDeps } from "@/lib/wiring";
import { readJsonBody } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";
import { sessionCookieFor } from "@/lib/server/signed-in";

/**
 * A person changes their own password (accounts mode). Every other session
 * ends (a thief's included); this browser gets a fresh one.
 */
export const POST = apiRoute(async ({ request, viewer }) => {
  const auth = getConfig().auth;
  if (auth.mode !== "accounts") throw new StudioError("invalid_request", "Passwords are not kept by this studio (STUDIO_AUTH is not accounts)");
  const body = changePasswordSchema.safeParse(await readJsonBody(request, 64 * 1024));
  if (!body.success) throw validationError(body.error);
  const ok = viewer.passwordHash !== null && (await verifyPassword({ hash: viewer.passwordHash, password: body.data.currentPassword }));
  if (!ok) throw new StudioError("forbidden", "The current password is wrong");
  const { db } = await getDeps();
  await db.updateUser({ id: viewer.id, patch: { passwordHash: await hashPassword(body.data.newPassword) } });
  await endEverySession({ db, userId: viewer.id });
  const cookie = await sessionCookieFor({ request, db, user: viewer, sessionDays: auth.sessionDays });
  logger.info({ user: viewer.name }, "password changed");
  return new Response(null, { status: 204, headers: { "set-cookie": cookie, "cache-control": "no-store" } });
});
