"use client";
import { useEffect, useMemo, useState } from "react";
import useSWR from "swr";
import { errorText } from "@/lib/client/format";
import { usageApi, usageUrl } from "@/lib/client/api";
import { mountOptions, useSeededFromServer } from "@/lib/client/seeded";
import type { UsageStart } from "@/lib/contract-feed";
import { formatCount, formatMoney } from "@/lib/client/money";
import { showsPeople } from "@/lib/client/usage-labels";
import { fillDays, modelsIn, validRange } from "@/lib/client/usage-range";
import type { Dictionary, Locale } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import { CHART_BOX } from "./chart-frame";
import { UsageCharts } from "./usage-charts";
import { UsageTable } from "./usage-tables";


type Range = { from: string; to: string };
/** One report of the range; for the page's first range the server's answer stands in (and is not asked again at mount). */
function useUsageReport(groupBy: keyof UsageStart, range: Range, first: { range: Range; start?: UsageStart }) {
  const url = usageUrl({ ...range, groupBy });
  const served = url === usageUrl({ ...first.range, groupBy }) ? first.start?.[groupBy] : undefined;
  const seeded = useSeededFromServer(url, served !== undefined);
  return useSWR(url, usageApi.get, { keepPreviousData: true, fallbackData: served, ...mountOptions(seeded) });
}

/**
 * The usage page's body: a date range, three charts, the tables, CSV downloads.
 * The per-person chart and table show only with more than one person in view:
 * a member sees only themself (`isAdmin` false), so never a chart of one.
 */
export function UsagePage(props: { t: Dictionary; locale: Locale; initial: Range; isAdmin: boolean; start?: UsageStart }) {
  const { t, locale } = props;
  const [typed, setTyped] = useState<Range>(props.initial);
  const [range, setRange] = useState<Range>(props.initial);
  const valid = validRange(typed);
  const type = (change: Partial<Range>) => {
    const next = { ...typed, ...change };
    setTyped(next);
    if (validRange(next)) setRange(next);
  };
  // The range is in the address, so a reload or a shared link shows the same.
  useEffect(() => {
    const url = new URL(window.location.href);
    url.searchParams.set("from", range.from);
    url.searchParams.set("to", range.to);
    window.history.replaceState(window.history.state, "", url);
  }, [range]);

  const first = { range: props.initial, start: props.start };
  const byDay = useUsageReport("day", range, first);
  const byUser = useUsageReport("user", range, first);
  const byTemplate = useUsageReport("template", range, first);
  const days = useMemo(() => (byDay.data ? fillDays(byDay.data.rows, range) : []), [byDay.data, range]);
  const models = useMemo(() => (byDay.data ? modelsIn(byDay.data.rows) : []), [byDay.data]);
  const people = byUser.data ? showsPeople(byUser.data.rows) : props.isAdmin;
  const error = byDay.error ?? byUser.error;
  const currency = byDay.data?.currency ?? byUser.data?.currency ?? "USD";
  const longDay = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en", { dateStyle: "medium", timeZone: "UTC" });

  const link =
    "rounded-lg px-3 py-2 text-sm font-medium text-zinc-800 ring-1 ring-zinc-300 hover:bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:text-zinc-100 dark:ring-zinc-700 dark:hover:bg-zinc-800";
  const field =
    "rounded-lg border border-zinc-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:border-zinc-700 dark:bg-zinc-900 dark:[color-scheme:dark]";
  return (
    <div className="flex flex-col gap-5">
      <div className={`${CHART_BOX} flex flex-wrap items-end justify-between gap-3`}>
        <fieldset className="flex flex-wrap items-end gap-3">
          <legend className="sr-only">{t.usage.rangeLabel}</legend>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t.usage.from}
            <input type="date" className={field} value={typed.from} max={typed.to || undefined} onChange={(e) => type({ from: e.target.value })} aria-invalid={!valid} />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t.usage.to}
            <input type="date" className={field} value={typed.to} min={typed.from || undefined} onChange={(e) => type({ to: e.target.value })} aria-invalid={!valid} />
          </label>
          {byDay.data && (
            <p className="pb-2 text-sm tabular-nums text-zinc-700 dark:text-zinc-300" role="status">
              {format(t.usage.totals, { pictures: formatCount(byDay.data.total.pictures, locale), failed: formatCount(byDay.data.total.failed, locale), cost: formatMoney(byDay.data.total.cost, currency, locale) })}
            </p>
          )}
        </fieldset>
        <div className="flex flex-wrap gap-2">
          <a className={link} href={usageUrl({ ...range, groupBy: "day" }, "csv")} download>
            {t.usage.exportByDay}
          </a>
          {props.isAdmin && (
            <a className={link} href={usageUrl({ ...range, groupBy: "user" }, "csv")} download>
              {t.usage.exportByPerson}
            </a>
          )}
        </div>
        {!valid && (
          <p role="alert" className="basis-full text-sm text-rose-700 dark:text-rose-300">
            {t.usage.badRange}
          </p>
        )}
      </div>

      {error ? (
        <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950/50 dark:text-rose-200">
          {errorText(error, t)}
        </p>
      ) : !byDay.data || !byUser.data ? (
        <ChartsPlaceholder label={t.usage.loading} people={people} />
      ) : (
        <>
          {byDay.data.total.pictures + byDay.data.total.failed + byDay.data.total.inFlight === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">{t.usage.empty}</p>}
          <UsageCharts t={t} locale={locale} days={days} models={models} people={byUser.data.rows} showPeople={people} currency={currency} />
          <div className={`grid gap-5 ${people ? "xl:grid-cols-2" : ""}`}>
            {people && <UsageTable t={t} locale={locale} caption={t.usage.byPersonTable} keyHeading={t.usage.colPerson} rows={byUser.data.rows} total={byUser.data.total} currency={currency} />}
            <UsageTable
              t={t}
              locale={locale}
              caption={t.usage.byDayTable}
              keyHeading={t.usage.colDay}
              rows={byDay.data.rows.filter((row) => row.pictures + row.failed + row.inFlight > 0).reverse()}
              total={byDay.data.total}
              currency={currency}
              keyLabel={(day) => longDay.format(new Date(`${day}T00:00:00Z`))}
            />
          </div>
          {/* Only once a template was used in the range: most teams start without. */}
          {byTemplate.data && byTemplate.data.rows.some((row) => row.key !== "") && (
            <UsageTable
              t={t}
              locale={locale}
              caption={t.usage.byTemplateTable}
              keyHeading={t.usage.colTemplate}
              rows={byTemplate.data.rows}
              total={byTemplate.data.total}
              currency={currency}
              keyLabel={(key, row) => row.label ?? (key === "" ? t.usage.noTemplate : t.usage.hiddenTemplate)}
            />
          )}
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{t.usage.costHint}</p>
        </>
      )}
    </div>
  );
}

/** The charts' boxes at their final heights while recharts or the data loads: nothing below them jumps. */
function ChartsPlaceholder({ label, people }: { label?: string; people: boolean }) {
  return (
    <div className="grid gap-5 xl:grid-cols-2" aria-busy="true">
      <div className={`${CHART_BOX} h-[352px] xl:col-span-2`}>{label && <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">{label}</p>}</div>
      {people && <div className={`${CHART_BOX} h-[236px]`} />}
      <div className={`${CHART_BOX} h-[312px] ${people ? "" : "xl:col-span-2"}`} />
    </div>
  );
}
