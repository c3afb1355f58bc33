"use client";
import { useStudio } from "@/components/studio/studio-context";
import { blockedReason } from "@/lib/client/blocked-reason";
import { formatMoney } from "@/lib/client/money";
import type { RequestFit, SessionLimits } from "@/lib/client/request-fit";
import { format } from "@/lib/i18n/format";
import type { ImageSize, ModelId } from "@/lib/models";
import { AlertCircleIcon } from "./icons";

export const ALLOWANCE_LINE_ID = "composer-generate-limits";

/**
 * Under Generate: what is left today, in flight and this month as
 * the settings change, or, when this request cannot fit, why and when the
 * limit resets. Generate names this line in aria-describedby.
 */
export function AllowanceLine(props: { fit: RequestFit; limits: SessionLimits; model: ModelId; imageSize: ImageSize }) {
  const { t, locale } = useStudio();
  const { fit, limits } = props;
  if (fit.refusal) {
    // eslint-disable-next-line react-hooks/purity -- the hours until the limit resets are counted at each render, on the browser's clock
    const reason = blockedReason({ refusal: fit.refusal, limits, model: props.model, imageSize: props.imageSize, now: Date.now(), locale, t });
    return (
      // The hours until midnight are counted where it renders: the server's and the browser's clocks may differ by one.
      <p
        id={ALLOWANCE_LINE_ID}
        data-limit={fit.refusal.limit}
        className="mt-1.5 flex items-start justify-center gap-1.5 text-center text-xs font-medium text-amber-800 dark:text-amber-300"
      >
        <AlertCircleIcon className="mt-px size-3.5 shrink-0" />
        <span suppressHydrationWarning>{reason}</span>
      </p>
    );
  }
  const a = t.allowance;
  const parts = [format(a.leftToday, { left: fit.leftToday })];
  if (fit.inFlight > 0) parts.push(format(a.inFlight, { n: fit.inFlight }));
  if (limits.waiting > 0) parts.push(format(a.waiting, { n: limits.waiting }));
  if (fit.willWait > 0) parts.push(fit.willWait === 1 ? a.willWaitOne : format(a.willWaitMany, { n: fit.willWait }));
  if (fit.leftThisMonth !== null) parts.push(format(a.leftThisMonth, { left: formatMoney(fit.leftThisMonth, limits.quote.currency, locale) }));
  return (
    <p id={ALLOWANCE_LINE_ID} className="mt-0.5 text-center text-[11px] tabular-nums text-zinc-500 dark:text-zinc-400">
      {parts.join(" · ")}
    </p>
  );
}
