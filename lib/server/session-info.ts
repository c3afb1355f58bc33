import "server-only";
import { getConfig } from "@/lib/config";
import type { SessionInfo } from "@/lib/contract";
import type { UserRow } from "@/lib/db";
import { sessionLimitsOf } from "@/lib/generations";
import { getDeps } from "@/lib/wiring";

/** What GET /api/session answers; the studio page sends the same with its HTML, so the header and the composer have it before any request. */
export async function sessionInfoOf(viewer: UserRow): Promise<SessionInfo> {
  return {
    user: viewer.name,
    userId: viewer.id,
    role: viewer.role,
    auth: getConfig().auth.mode,
    limits: await sessionLimitsOf(await getDeps(), { person: viewer }),
  };
}
