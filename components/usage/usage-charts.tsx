"use client";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatMoney, formatPercent } from "@/lib/client/money";
import { modelName } from "@/lib/client/usage-labels";
import type { DayPoint } from "@/lib/client/usage-range";
import type { UsageResponse } from "@/lib/contract";
import type { Dictionary, Locale } from "@/lib/i18n";
import { format, plural } from "@/lib/i18n/format";
import { ChartFrame, PALETTE } from "./chart-frame";
import { DrawWhenNear } from "./draw-when-near";

// The only module that imports recharts: loaded by next/dynamic from the
// usage page alone, so the studio's own bundle never carries it.

/** `showPeople` false: one person in view, whose spend the tables already say (no "per person" chart of one). */
type Props = { t: Dictionary; locale: Locale; days: DayPoint[]; models: string[]; people: UsageResponse["rows"]; showPeople: boolean; currency: string };

const axis = { stroke: "currentColor", tick: { fill: "currentColor", fontSize: 12 }, tickLine: false } as const;
// Tooltip colors follow the page's theme through CSS variables set on the frame.
const tooltip = {
  contentStyle: { background: "var(--chart-tip-bg)", border: "1px solid var(--chart-tip-border)", borderRadius: 8, color: "var(--chart-tip-fg)", fontSize: 12 },
  labelStyle: { color: "var(--chart-tip-fg)", fontWeight: 600 },
  cursor: { fill: "currentColor", fillOpacity: 0.08 },
} as const;
const grid = <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />;

export function UsageCharts({ t, locale, days, models, people, showPeople, currency }: Props) {
  const intl = locale === "zh" ? "zh-CN" : "en";
  const shortDay = new Intl.DateTimeFormat(intl, { month: "numeric", day: "numeric", timeZone: "UTC" });
  const longDay = new Intl.DateTimeFormat(intl, { dateStyle: "medium", timeZone: "UTC" });
  const dayLabel = (day: unknown) => (typeof day === "string" ? shortDay.format(new Date(`${day}T00:00:00Z`)) : String(day));
  const dayTitle = (day: unknown) => (typeof day === "string" ? longDay.format(new Date(`${day}T00:00:00Z`)) : String(day));
  const money = (v: unknown) => formatMoney(Number(v), currency, locale);
  const pictures = days.reduce((sum, d) => sum + d.pictures, 0);
  const active = days.filter((d) => d.failureRate !== null);
  const spend = [...people].sort((a, b) => b.cost - a.cost || a.key.localeCompare(b.key));
  const spendHeight = Math.max(160, spend.length * 36 + 48);

  return (
    <div className="grid gap-5 xl:grid-cols-2">
      <ChartFrame
        className="xl:col-span-2"
        title={t.usage.perDayHeading}
        hint={t.usage.perDayHint}
        summary={format(t.usage.chartSummaryDay, { pictures: plural(locale, pictures, t.usage.summaryPictures), days: plural(locale, days.length, t.usage.summaryDays) })}
      >
        <DrawWhenNear height={280}>
          <BarChart responsive data={days} style={{ width: "100%", height: 280 }} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            {grid}
            <XAxis dataKey="day" {...axis} tickFormatter={dayLabel} minTickGap={12} />
            <YAxis {...axis} allowDecimals={false} width={48} />
            <Tooltip {...tooltip} labelFormatter={dayTitle} formatter={(v) => formatCount(Number(v), locale)} />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value) => <span className="text-zinc-700 dark:text-zinc-300">{value}</span>} />
            {models.map((model, i) => (
              <Bar key={model} dataKey={model} name={modelName(model, locale)} stackId="pictures" fill={PALETTE[i % PALETTE.length]} maxBarSize={28} isAnimationActive={false} />
            ))}
          </BarChart>
        </DrawWhenNear>
      </ChartFrame>

      {showPeople && (
        <ChartFrame title={t.usage.perPersonHeading} summary={format(t.usage.chartSummaryPerson, { people: plural(locale, spend.length, t.usage.summaryPeople) })}>
          <DrawWhenNear height={spendHeight}>
            <BarChart
              responsive
              layout="vertical"
              data={spend}
              style={{ width: "100%", height: spendHeight }}
              margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
            >
              <CartesianGrid stroke="currentColor" strokeOpacity={0.15} horizontal={false} />
              <XAxis type="number" {...axis} tickFormatter={money} />
              <YAxis type="category" dataKey="key" {...axis} width={96} />
              <Tooltip {...tooltip} formatter={(v) => [money(v), t.usage.spend]} />
              <Bar dataKey="cost" name={t.usage.spend} fill={PALETTE[0]} maxBarSize={24} isAnimationActive={false} />
            </BarChart>
          </DrawWhenNear>
        </ChartFrame>
      )}

      <ChartFrame className={showPeople ? "" : "xl:col-span-2"} title={t.usage.failureHeading} hint={t.usage.failureHint} summary={format(t.usage.chartSummaryFailure, { days: plural(locale, active.length, t.usage.summaryActiveDays) })}>
        <DrawWhenNear height={240}>
          <LineChart responsive data={days} style={{ width: "100%", height: 240 }} margin={{ top: 8, right: 16, bottom: 0, left: -8 }}>
            {grid}
            <XAxis dataKey="day" {...axis} tickFormatter={dayLabel} minTickGap={12} />
            <YAxis {...axis} domain={[0, 1]} tickFormatter={(v) => formatPercent(Number(v), locale)} width={56} />
            <Tooltip {...tooltip} labelFormatter={dayTitle} formatter={(v) => [formatPercent(Number(v), locale), t.usage.failureRate]} />
            <Line dataKey="failureRate" name={t.usage.failureRate} stroke={PALETTE[2]} strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
          </LineChart>
        </DrawWhenNear>
      </ChartFrame>
    </div>
  );
}
