import { formatCount, formatMoney, formatPercent } from "@/lib/client/money";
import { failureRate } from "@/lib/client/usage-range";
import type { UsageResponse } from "@/lib/contract";
import type { Dictionary, Locale } from "@/lib/i18n";
import { CHART_BOX } from "./chart-frame";

type Row = UsageResponse["rows"][number];
type Totals = UsageResponse["total"];

/** The numbers behind the charts: a table by person, by template, and by day (days with activity). */
export function UsageTable(props: { t: Dictionary; locale: Locale; caption: string; keyHeading: string; rows: Row[]; total: Totals; currency: string; keyLabel?(key: string, row: Row): string }) {
  const { t, locale, currency } = props;
  const rate = (row: { pictures: number; failed: number }) => {
    const value = failureRate(row);
    return value === null ? "—" : formatPercent(value, locale);
  };
  const head = "px-2 py-2 text-xs font-semibold uppercase tracking-wide text-zinc-600 sm:px-3 dark:text-zinc-400";
  const num = "px-2 py-2 text-right tabular-nums sm:px-3";
  // The failure chart carries the rate on a phone; the table keeps to what fits.
  const rateCell = "max-sm:hidden";
  return (
    <div className={`${CHART_BOX} min-w-0`}>
      <div className="-mx-4 overflow-x-auto sm:-mx-5">
        <table className="w-full text-sm">
          <caption className="px-4 pb-2 text-left text-base font-semibold text-zinc-900 sm:px-5 dark:text-zinc-100">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col" className={`${head} pl-4 text-left sm:pl-5`}>{props.keyHeading}</th>
              <th scope="col" className={`${head} text-right`}>{t.usage.colPictures}</th>
              <th scope="col" className={`${head} text-right`}>{t.usage.colFailed}</th>
              <th scope="col" className={`${head} ${rateCell} text-right`}>{t.usage.colFailureRate}</th>
              <th scope="col" className={`${head} pr-4 text-right sm:pr-5`}>{t.usage.colCost}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr key={row.key} className="border-t border-zinc-200 dark:border-zinc-800">
                <th scope="row" className="py-2 pr-2 pl-4 text-left font-medium whitespace-nowrap sm:pr-3 sm:pl-5">
                  {props.keyLabel ? props.keyLabel(row.key, row) : row.key}
                </th>
                <td className={num}>{formatCount(row.pictures, locale)}</td>
                <td className={num}>{formatCount(row.failed, locale)}</td>
                <td className={`${num} ${rateCell}`}>{rate(row)}</td>
                <td className={`${num} pr-4 sm:pr-5`}>{formatMoney(row.cost, currency, locale)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t-2 border-zinc-300 font-semibold dark:border-zinc-700">
              <th scope="row" className="py-2 pr-2 pl-4 text-left sm:pr-3 sm:pl-5">
                {t.usage.total}
              </th>
              <td className={num}>{formatCount(props.total.pictures, locale)}</td>
              <td className={num}>{formatCount(props.total.failed, locale)}</td>
              <td className={`${num} ${rateCell}`}>{rate(props.total)}</td>
              <td className={`${num} pr-4 sm:pr-5`}>{formatMoney(props.total.cost, currency, locale)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
