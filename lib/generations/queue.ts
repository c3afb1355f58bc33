import "server-only";
import { CANCELLED_WAITING_CODE } from "@/lib/contract";
import type { GenerationRow, QueueBudget } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { isPriced, priceOf } from "@/lib/pricing";
import type { ServiceDeps } from "@/lib/core/deps";
import type { Person } from "@/lib/core/person";
import { currentPrices } from "./prices-in-force";
import { inFlightSince, limitsOf, money, startOfUtcMonth } from "./quota";
import { markNotSent, submitRows } from "./submit";

// The queue. Past a person's in-flight cap a request is
// queued, not refused: its rows wait (status `waiting`), nothing sent and
// nothing billed. The poller, not a browser, moves each person's queue: it
// claims their oldest waiting rows, as many as they have free slots, in one
// step in the database (two instances never send one row twice nor pass the
// cap), then submits them exactly as a new request's rows are. Waiting rows
// live in the database, so a restart loses none and any instance sends them.

export const CANCELLED_WAITING_MESSAGE = "Cancelled before it was sent; nothing was billed.";

/** One sweep's worth: every person with waiting rows, one after another. */
export async function moveQueues(deps: ServiceDeps): Promise<void> {
  for (const name of await deps.db.waitingPeople()) {
    await moveQueueOf(deps, name).catch((err: unknown) => logger.error({ err, user: name }, "moving the queue failed"));
  }
}

/**
 * Sends on as many of this person's waiting rows as they have free slots,
 * under their limits as they are now (an admin may have changed them, or a
 * price, since the rows were queued): under a budget each row must still fit
 * when its turn comes, and one that does not ends failed, not sent, free.
 */
async function moveQueueOf(deps: ServiceDeps, name: string): Promise<void> {
  const user = await deps.db.getUserByName(name);
  // A person deleted under their rows: the studio-wide limits.
  const person: Person = user ?? { id: "", name, role: "member", dailyLimit: null, maxActive: null, monthlyBudget: null };
  if (user?.disabled) {
    const rows = await deps.db.listWaiting({ createdBy: name });
    const reason = new StudioError("forbidden", "the account was disabled while this picture waited its turn");
    return markNotSent(deps, { rows, error: reason, onlyIfStatus: ["waiting"] });
  }
  const now = deps.now();
  const limits = limitsOf(deps, person);
  const budget = limits.monthlyBudget === null ? undefined : await budgetAtSend(deps, { name, amount: limits.monthlyBudget, now });
  const { claimed, overBudget } = await deps.db.claimWaiting({
    createdBy: name,
    maxActive: limits.maxActive,
    inFlightSince: inFlightSince(deps, now),
    now,
    budget,
  });
  for (const { row, spent } of overBudget) {
    const cost = priceOf(budget!.prices, row.model, row.imageSize);
    const { currency } = deps.config;
    const reason = new StudioError(
      "quota_exceeded",
      `Monthly budget reached when its turn came: ${money(spent, currency)} of ${money(budget!.amount, currency)} spent this month, ` +
        `and this picture would cost ${money(cost, currency)}.`,
    );
    await markNotSent(deps, { rows: [row], error: reason, onlyIfStatus: ["waiting"] });
  }
  if (claimed.length > 0) logger.info({ user: name, generations: claimed.map((r) => r.id) }, "sending waiting pictures");
  // Rows of one request share their settings and references: prepared once per batch.
  for (const rows of byBatch(claimed)) {
    const [first] = rows;
    await submitRows(deps, {
      rows,
      settings: { model: first.model, prompt: first.prompt, aspectRatio: first.aspectRatio, imageSize: first.imageSize ?? undefined },
      entries: first.references,
    }).catch((err: unknown) => logger.warn({ err, user: name }, "waiting pictures could not be sent"));
  }
}

/**
 * The month's budget as the queue checks it. A row whose model (and size)
 * lost its price meanwhile would count as free: it ends, not sent, as a new
 * request for it would be refused.
 */
async function budgetAtSend(deps: ServiceDeps, input: { name: string; amount: number; now: number }): Promise<QueueBudget> {
  const { prices } = await currentPrices(deps);
  const unpriced = (await deps.db.listWaiting({ createdBy: input.name })).filter((row) => !isPriced(prices, row.model, row.imageSize));
  for (const row of unpriced) {
    const what = row.imageSize ? `${row.model} at ${row.imageSize}` : row.model;
    const reason = new StudioError("invalid_request", `${what} has no price any more, and a monthly budget applies to you.`);
    await markNotSent(deps, { rows: [row], error: reason, onlyIfStatus: ["waiting"] });
  }
  return { since: startOfUtcMonth(input.now), amount: input.amount, prices };
}

function byBatch(rows: GenerationRow[]): GenerationRow[][] {
  const batches = new Map<string, GenerationRow[]>();
  for (const row of rows) {
    const key = row.batchId ?? row.id;
    batches.set(key, [...(batches.get(key) ?? []), row]);
  }
  return [...batches.values()];
}

/**
 * A waiting row cancelled: it was never sent, so it ends at once, failed and
 * free (no task id; its code is not one the charges count). Undefined when it
 * is no longer waiting (the queue sent it meanwhile): then it is cancelled as
 * any picture in flight.
 */
export async function cancelWaiting(deps: ServiceDeps, row: Pick<GenerationRow, "id">): Promise<GenerationRow | undefined> {
  const now = deps.now();
  const cancelled = await deps.db.updateGeneration({
    id: row.id,
    patch: { status: "failed", errorCode: CANCELLED_WAITING_CODE, errorMessage: CANCELLED_WAITING_MESSAGE, cancelledAt: now, updatedAt: now },
    onlyIfStatus: ["waiting"],
  });
  if (cancelled) logger.info({ generation: row.id }, "waiting generation cancelled before it was sent");
  return cancelled;
}
