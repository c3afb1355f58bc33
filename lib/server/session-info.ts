import "server-only";
import { getConfig } from "@/lib/config";
import type { SessionInfo } from "@/lib/contract";
import type { UserRow } from "@/lib/db";
import { usageOf } from "@/lib/generations";
import { getDeps } from "@/lib/wiring";

/** What GET /api/session answers; the studio page sends the same with its HTML, so the header has it before any request. */
export async function sessionInfoOf(viewer: UserRow): Promise<SessionInfo> {
  const usage = await usageOf(await getDeps(), { person: viewer });
  return {
    user: viewer.name,
    userId: viewer.id,
    role: viewer.role,
    auth: getConfig().auth.mode,
    limits: {
      daily: usage.daily,
      usedToday: usage.usedToday,
      maxActive: usage.maxActive,
      monthlyBudget: usage.monthlyBudget,
      spentThisMonth: usage.spentThisMonth,
      currency: usage.currency,
    },
  };
}
