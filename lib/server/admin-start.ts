import "server-only";
import { listPeople } from "@/lib/accounts/people";
import { pricesView } from "@/lib/accounts/price-settings";
import { studioSettings } from "@/lib/accounts/settings";
import { getConfig } from "@/lib/config";
import type { ListUsersResponse, PricesResponse, StudioSettings } from "@/lib/contract";
import { getDeps } from "@/lib/wiring";

/** What the admin page's client asks for first, as the API answers it. */
export type AdminStart = { users: ListUsersResponse; prices: PricesResponse; settings: StudioSettings };

/** GET /api/admin/users' answer: everyone, this month's figures, and the studio's default limits. */
export async function peopleResponse(): Promise<ListUsersResponse> {
  const { currency, limits } = getConfig();
  const defaults = { daily: limits.daily, maxActive: limits.maxActive, monthlyBudget: limits.monthlyBudget ?? null };
  return { items: await listPeople(await getDeps()), currency, defaults };
}

/**
 * The people, the prices and the settings, read with /admin and sent with its
 * HTML (an admin's page only: the caller checks): the table is in the first
 * paint, so nothing below it moves when it arrives (a shift of 0.55 on a
 * phone with 50 people), and the client asks nothing at mount.
 */
export async function adminStart(): Promise<AdminStart> {
  const deps = await getDeps();
  const [users, prices, settings] = await Promise.all([peopleResponse(), pricesView(deps), studioSettings(deps)]);
  return { users, prices, settings };
}
