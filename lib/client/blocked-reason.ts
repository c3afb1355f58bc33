import type { Dictionary, Locale } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import { getModel, type ImageSize, type ModelId } from "@/lib/models";
import { formatMoney } from "./money";
import type { Refusal, SessionLimits } from "./request-fit";
import { resetWhen } from "./reset-wording";

/** Why the composer's Generate is off for this request (see requestFit), in the person's language. */
export function blockedReason(input: {
  refusal: Refusal;
  limits: SessionLimits;
  model: ModelId;
  imageSize: ImageSize;
  now: number;
  locale: Locale;
  t: Dictionary;
}): string {
  const { refusal, limits, locale, t } = input;
  const a = t.allowance;
  switch (refusal.limit) {
    case "daily": {
      const when = resetWhen({ limit: "daily", resetsAt: limits.resetsAt.daily, now: input.now, locale, t });
      return refusal.left === 0 ? format(a.blockedDailyNone, { when }) : format(a.blockedDaily, { left: refusal.left, when });
    }
    case "monthlyBudget": {
      const money = (amount: number) => formatMoney(amount, limits.quote.currency, locale);
      const resetsAt = limits.resetsAt.monthlyBudget;
      const when = resetsAt ? resetWhen({ limit: "monthlyBudget", resetsAt, now: input.now, locale, t }) : "";
      return format(a.blockedBudget, { cost: money(refusal.cost), left: money(refusal.left), when });
    }
    case "unpriced": {
      const info = getModel(input.model)!;
      // A fixed-size model's name says its size already.
      const what = info.sizes.length > 1 ? `${info.label[locale]} ${input.imageSize}` : info.label[locale];
      return format(a.blockedUnpriced, { what });
    }
    case "queue":
      return refusal.room === 0 ? format(a.blockedQueueNone, { max: limits.maxQueued }) : format(a.blockedQueue, { room: refusal.room });
  }
}
