import "server-only";
import type { Person } from "@/lib/core/person";
import type { UsageStart } from "@/lib/contract-feed";
import { usageReport } from "@/lib/usage/report";
import { getDeps } from "@/lib/wiring";


/**
 * Read with /usage and sent with its HTML: the totals and tables are in the
 * first paint, and the page asks nothing at mount, so a phone neither waits
 * for three requests nor loads zod and every schema to check their answers
 * while it is still starting the page (a quarter of a second on a low-tier
 * phone, bench 17). Another range is asked for through the API as before.
 */
export async function usageStart(viewer: Person, range: { from: string; to: string }): Promise<UsageStart> {
  const deps = await getDeps();
  const read = (groupBy: "day" | "user" | "template") => usageReport(deps, { query: { ...range, groupBy }, viewer });
  const [day, user, template] = await Promise.all([read("day"), read("user"), read("template")]);
  return { day, user, template };
}
