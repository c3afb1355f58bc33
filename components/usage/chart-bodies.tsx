"use client";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatMoney, formatPercent } from "@/lib/client/money";
import { modelName } from "@/lib/client/usage-labels";
import type { DayPoint } from "@/lib/client/usage-range";
import type { UsageResponse } from "@/lib/contract";
import type { Dictionary, Locale } from "@/lib/i18n";
import { PALETTE } from "./chart-frame";
import { DAY_CHART_HEIGHT, FAILURE_CHART_HEIGHT, spendChartHeight } from "./chart-sizes";

// The only module that imports recharts: loaded by next/dynamic from the
// usage page's chart frames (usage-charts.tsx), each body once its frame
// enters the viewport, so the studio's own bundle never carries it.

const axis = { stroke: "currentColor", tick: { fill: "currentColor", fontSize: 12 }, tickLine: false } as const;
// Tooltip colors follow the page's theme through CSS variables set on the frame.
const tooltip = {
  contentStyle: { background: "var(--chart-tip-bg)", border: "1px solid var(--chart-tip-border)", borderRadius: 8, color: "var(--chart-tip-fg)", fontSize: 12 },
  labelStyle: { color: "var(--chart-tip-fg)", fontWeight: 600 },
  cursor: { fill: "currentColor", fillOpacity: 0.08 },
} as const;
const grid = <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />;

function dayFormats(locale: Locale) {
  const intl = locale === "zh" ? "zh-CN" : "en";
  const shortDay = new Intl.DateTimeFormat(intl, { month: "numeric", day: "numeric", timeZone: "UTC" });
  const longDay = new Intl.DateTimeFormat(intl, { dateStyle: "medium", timeZone: "UTC" });
  return {
    label: (day: unknown) => (typeof day === "string" ? shortDay.format(new Date(`${day}T00:00:00Z`)) : String(day)),
    title: (day: unknown) => (typeof day === "string" ? longDay.format(new Date(`${day}T00:00:00Z`)) : String(day)),
  };
}

/** Pictures per day, stacked by model. */
export function DayChart({ locale, days, models }: { locale: Locale; days: DayPoint[]; models: string[] }) {
  const day = dayFormats(locale);
  return (
    <BarChart responsive data={days} style={{ width: "100%", height: DAY_CHART_HEIGHT }} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
      {grid}
      <XAxis dataKey="day" {...axis} tickFormatter={day.label} minTickGap={12} />
      <YAxis {...axis} allowDecimals={false} width={48} />
      <Tooltip {...tooltip} labelFormatter={day.title} formatter={(v) => formatCount(Number(v), locale)} />
      <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value) => <span className="text-zinc-700 dark:text-zinc-300">{value}</span>} />
      {models.map((model, i) => (
        <Bar key={model} dataKey={model} name={modelName(model, locale)} stackId="pictures" fill={PALETTE[i % PALETTE.length]} maxBarSize={28} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}

/** Spend per person, most first. */
export function SpendChart({ t, locale, spend, currency }: { t: Dictionary; locale: Locale; spend: UsageResponse["rows"]; currency: string }) {
  const money = (v: unknown) => formatMoney(Number(v), currency, locale);
  return (
    <BarChart responsive layout="vertical" data={spend} style={{ width: "100%", height: spendChartHeight(spend.length) }} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
      <CartesianGrid stroke="currentColor" strokeOpacity={0.15} horizontal={false} />
      <XAxis type="number" {...axis} tickFormatter={money} />
      <YAxis type="category" dataKey="key" {...axis} width={96} />
      <Tooltip {...tooltip} formatter={(v) => [money(v), t.usage.spend]} />
      <Bar dataKey="cost" name={t.usage.spend} fill={PALETTE[0]} maxBarSize={24} isAnimationActive={false} />
    </BarChart>
  );
}

/** The share of each day's pictures that failed. */
export function FailureChart({ t, locale, days }: { t: Dictionary; locale: Locale; days: DayPoint[] }) {
  const day = dayFormats(locale);
  return (
    <LineChart responsive data={days} style={{ width: "100%", height: FAILURE_CHART_HEIGHT }} margin={{ top: 8, right: 16, bottom: 0, left: -8 }}>
      {grid}
      <XAxis dataKey="day" {...axis} tickFormatter={day.label} minTickGap={12} />
      <YAxis {...axis} domain={[0, 1]} tickFormatter={(v) => formatPercent(Number(v), locale)} width={56} />
      <Tooltip {...tooltip} labelFormatter={day.title} formatter={(v) => [formatPercent(Number(v), locale), t.usage.failureRate]} />
      <Line dataKey="failureRate" name={t.usage.failureRate} stroke={PALETTE[2]} strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
    </LineChart>
  );
}
