import "server-only";
import type { RunPreview } from "@/lib/contract-runs";
import { requestFit, type RequestFit, type SessionLimits } from "@/lib/client/request-fit";
import { money, sessionLimitsOf } from "@/lib/generations";
import { roundMoney } from "@/lib/pricing";
import type { ServiceDeps } from "@/lib/core/deps";
import type { Person } from "@/lib/core/person";
import type { RunPlan } from "./plan";

/**
 * What a run would cost and leave, priced by the composer's own quote
 * (lib/client/request-fit.ts over GET /api/session's limits): the preview and
 * the composer can never disagree. The insert checks again in its
 * transaction; this is what the person reads before confirming.
 */
export async function previewRun(deps: ServiceDeps, input: { plan: RunPlan; person: Person }): Promise<RunPreview> {
  const { plan } = input;
  const limits = await sessionLimitsOf(deps, { person: input.person });
  const fit = requestFit(limits, { model: plan.template.model, imageSize: plan.template.imageSize, count: plan.pictures });
  const left = leftAfter(limits, fit, plan.pictures);
  return {
    prompts: plan.prompts,
    rows: plan.rows,
    pictures: plan.pictures,
    price: fit.price,
    currency: limits.currency,
    left,
    refusal: refusalText(fit, { pictures: plan.pictures, currency: limits.currency, left }),
  };
}

/** What stays after the run (negative: by how much it does not fit). */
function leftAfter(limits: SessionLimits, fit: RequestFit, pictures: number): RunPreview["left"] {
  // Places in flight and in the queue behind them, as the insert counts them
  // (behind pictures already waiting, every new one waits too).
  const free = limits.waiting > 0 ? 0 : Math.max(0, limits.maxActive - limits.active);
  const room = free + Math.max(0, limits.maxQueued - limits.waiting);
  return {
    today: fit.leftToday - pictures,
    inFlight: room - pictures,
    month: fit.leftThisMonth === null ? null : roundMoney(fit.leftThisMonth - (fit.price ?? 0)),
  };
}

/** The run's refusal in plain words, saying by how much; null when it fits. */
export function refusalText(fit: RequestFit, input: { pictures: number; currency: string; left: RunPreview["left"] }): string | null {
  const { pictures, currency, left } = input;
  const refusal = fit.refusal;
  if (!refusal) return null;
  switch (refusal.limit) {
    case "unpriced":
      return "This template's model and size have no price, and your monthly budget only allows priced pictures. An admin can set the price on /admin.";
    case "daily":
      return `Daily limit: this run makes ${pictures} pictures and ${refusal.left} are left today, ${pictures - refusal.left} too many. Nothing was sent; run fewer rows or wait for midnight UTC.`;
    case "queue":
      return `In flight: this run makes ${pictures} pictures and ${Math.max(0, pictures + left.inFlight)} fit in progress and in your queue, ${-left.inFlight} too many. Nothing was sent; run fewer rows or wait for pictures in progress to finish.`;
    case "monthlyBudget":
      return `Monthly budget: this run costs ${money(refusal.cost, currency)} and ${money(refusal.left, currency)} is left this month, ${money(roundMoney(refusal.cost - refusal.left), currency)} too much. Nothing was sent.`;
  }
}
