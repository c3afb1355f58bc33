"use client";
import dynamic from "next/dynamic";
import type { DayPoint } from "@/lib/client/usage-range";
import type { UsageResponse } from "@/lib/contract";
import type { Dictionary, Locale } from "@/lib/i18n";
import { format, plural } from "@/lib/i18n/format";
import { ChartFrame } from "./chart-frame";
import { DAY_CHART_HEIGHT, FAILURE_CHART_HEIGHT, spendChartHeight } from "./chart-sizes";
import { DrawWhenSeen } from "./draw-when-seen";

// The three charts' frames, with the page's HTML: titles, summaries and each
// chart's box at its drawn height, so nothing below moves when a chart is
// drawn. Each body (recharts, chart-bodies.tsx) is loaded and drawn only in
// the browser, once its frame enters the viewport.
const bodies = () => import("./chart-bodies");
const DayChart = dynamic(() => bodies().then((m) => m.DayChart), { ssr: false });
const SpendChart = dynamic(() => bodies().then((m) => m.SpendChart), { ssr: false });
const FailureChart = dynamic(() => bodies().then((m) => m.FailureChart), { ssr: false });

/** `showPeople` false: one person in view, whose spend the tables already say (no "per person" chart of one). */
type Props = { t: Dictionary; locale: Locale; days: DayPoint[]; models: string[]; people: UsageResponse["rows"]; showPeople: boolean; currency: string };

export function UsageCharts({ t, locale, days, models, people, showPeople, currency }: Props) {
  const pictures = days.reduce((sum, d) => sum + d.pictures, 0);
  const active = days.filter((d) => d.failureRate !== null);
  const spend = [...people].sort((a, b) => b.cost - a.cost || a.key.localeCompare(b.key));

  return (
    <div className="grid gap-5 xl:grid-cols-2">
      <ChartFrame
        className="xl:col-span-2"
        title={t.usage.perDayHeading}
        hint={t.usage.perDayHint}
        summary={format(t.usage.chartSummaryDay, { pictures: plural(locale, pictures, t.usage.summaryPictures), days: plural(locale, days.length, t.usage.summaryDays) })}
      >
        <DrawWhenSeen height={DAY_CHART_HEIGHT}>
          <DayChart locale={locale} days={days} models={models} />
        </DrawWhenSeen>
      </ChartFrame>

      {showPeople && (
        <ChartFrame title={t.usage.perPersonHeading} summary={format(t.usage.chartSummaryPerson, { people: plural(locale, spend.length, t.usage.summaryPeople) })}>
          <DrawWhenSeen height={spendChartHeight(spend.length)}>
            <SpendChart t={t} locale={locale} spend={spend} currency={currency} />
          </DrawWhenSeen>
        </ChartFrame>
      )}

      <ChartFrame className={showPeople ? "" : "xl:col-span-2"} title={t.usage.failureHeading} hint={t.usage.failureHint} summary={format(t.usage.chartSummaryFailure, { days: plural(locale, active.length, t.usage.summaryActiveDays) })}>
        <DrawWhenSeen height={FAILURE_CHART_HEIGHT}>
          <FailureChart t={t} locale={locale} days={days} />
        </DrawWhenSeen>
      </ChartFrame>
    </div>
  );
}
