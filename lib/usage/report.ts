import "server-only";
import type { UsageQuery, UsageResponse } from "@/lib/contract";
import type { UsageGroup } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { chargedCount, currentPrices } from "@/lib/generations";
import type { ServiceDeps } from "@/lib/core/deps";
import type { Person } from "@/lib/core/person";
import { priceOf, roundMoney } from "@/lib/pricing";
import { maySeeTemplate } from "@/lib/templates/access";

// The usage page's numbers: one grouped query per chart, priced
// here per model and size. Every task the gateway took costs its price
//: a completed picture, one still in flight, and a failed one the
// gateway had taken (cancelled, timed out…: `failedCharged`); a request it
// never got or refused is counted as a failure and costs nothing. The same
// count as the monthly budget's (chargedCount). Members see their own rows,
// admins anyone's.

const DAY_MS = 86_400_000;
export const MAX_RANGE_DAYS = 366;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string) => Date.parse(`${day}T00:00:00Z`);

type Deps = Pick<ServiceDeps, "db" | "config" | "now">;
type Row = UsageResponse["rows"][number];
const NOTHING: UsageResponse["total"] = { pictures: 0, failed: 0, failedCharged: 0, inFlight: 0, cost: 0 };
const emptyRow = (key: string): Row => ({ key, ...NOTHING, byModel: {} });

/** The range asked for, or the last 30 days (UTC) ending today. */
export function usageRange(query: Pick<UsageQuery, "from" | "to">, now: number): { from: string; to: string } {
  const to = query.to ?? dayOf(now);
  const from = query.from ?? dayOf(msOf(to) - 29 * DAY_MS);
  if (from > to) throw new StudioError("invalid_request", "from must not be after to");
  if ((msOf(to) - msOf(from)) / DAY_MS + 1 > MAX_RANGE_DAYS) throw new StudioError("invalid_request", `A range can span at most ${MAX_RANGE_DAYS} days`);
  return { from, to };
}

export async function usageReport(deps: Deps, input: { query: UsageQuery; viewer: Person }): Promise<UsageResponse> {
  const { query, viewer } = input;
  if (viewer.role !== "admin" && query.user !== undefined && query.user !== viewer.name) {
    throw new StudioError("forbidden", "Only an admin can see other people's usage");
  }
  const createdBy = viewer.role === "admin" ? query.user : viewer.name;
  const { from, to } = usageRange(query, deps.now());
  const [groups, { prices }] = await Promise.all([
    deps.db.usageGroups({ from: msOf(from), to: msOf(to) + DAY_MS, groupBy: query.groupBy, createdBy }),
    currentPrices(deps),
  ]);
  const rows = summarize(groups, prices);
  const filled = query.groupBy === "day" ? everyDay(rows, from, to) : query.groupBy === "template" ? await withTemplateNames(deps, rows, viewer) : rows;
  const total = filled.reduce(
    (t, r) => ({
      pictures: t.pictures + r.pictures,
      failed: t.failed + r.failed,
      failedCharged: t.failedCharged + r.failedCharged,
      inFlight: t.inFlight + r.inFlight,
      cost: roundMoney(t.cost + r.cost),
    }),
    NOTHING,
  );
  return { from, to, groupBy: query.groupBy, currency: deps.config.currency, rows: filled, total };
}

function summarize(groups: UsageGroup[], prices: Record<string, number>): Row[] {
  const byKey = new Map<string, Row>();
  for (const g of groups) {
    const row = byKey.get(g.key) ?? emptyRow(g.key);
    row.pictures += g.completed;
    row.failed += g.failed;
    row.failedCharged += g.failedCharged;
    row.inFlight += g.active;
    row.cost = roundMoney(row.cost + chargedCount(g) * priceOf(prices, g.model, g.imageSize));
    if (g.completed > 0) row.byModel[g.model] = (row.byModel[g.model] ?? 0) + g.completed;
    byKey.set(g.key, row);
  }
  return [...byKey.values()];
}

/**
 * By template, each row says its template's name, where the viewer may see
 * it (someone else's private template, or one since deleted, stays unnamed:
 * its pictures are counted all the same).
 */
async function withTemplateNames(deps: Deps, rows: Row[], viewer: Person): Promise<Row[]> {
  const templates = await Promise.all(rows.map((row) => (row.key ? deps.db.getTemplate(row.key) : undefined)));
  return rows.map((row, i) => {
    const template = templates[i];
    return { ...row, label: template && maySeeTemplate(viewer, template) ? template.name : null };
  });
}

/** A chart's time axis has no holes: days without pictures are zero rows. */
function everyDay(rows: Row[], from: string, to: string): Row[] {
  const known = new Map(rows.map((r) => [r.key, r]));
  const days: Row[] = [];
  for (let ms = msOf(from); ms <= msOf(to); ms += DAY_MS) {
    const day = dayOf(ms);
    days.push(known.get(day) ?? emptyRow(day));
  }
  return days;
}
