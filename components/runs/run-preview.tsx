"use client";
import { formatCount, formatMoney } from "@/lib/client/money";
import type { RunPreview } from "@/lib/contract-runs";
import type { Dictionary, Locale } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import { roundMoney } from "@/lib/pricing";

export const picturesText = (n: number, words: Dictionary["runDialog"], locale: Locale) =>
  n === 1 ? words.picturesOne : format(words.picturesMany, { count: formatCount(n, locale) });

/**
 * Why the run would be refused, in the person's language, with by how much:
 * from what the preview says it leaves (negative: over), in the order the
 * server checks (the day, the queue, the budget). Null when it fits.
 */
export function runRefusal(preview: RunPreview, words: Dictionary["runDialog"], locale: Locale): string | null {
  const { left, pictures, currency } = preview;
  const count = (n: number) => picturesText(n, words, locale);
  const money = (n: number) => formatMoney(n, currency, locale);
  if (left.today < 0) return format(words.overToday, { pictures: count(pictures), left: count(pictures + left.today), over: count(-left.today) });
  if (left.inFlight < 0) return format(words.overInFlight, { pictures: count(pictures), left: count(pictures + left.inFlight), over: count(-left.inFlight) });
  if (left.month !== null && preview.price === null) return words.unpriced;
  if (left.month !== null && left.month < 0) {
    const price = preview.price ?? 0;
    return format(words.overMonth, { price: money(price), left: money(roundMoney(price + left.month)), over: money(-left.month) });
  }
  return null;
}

/** Every prompt that will run with its row's values, the total, and what it leaves of the person's limits. */
export function RunPreviewPanel(props: { t: Dictionary; locale: Locale; preview: RunPreview; blanks: readonly string[]; each: number; refusalId: string }) {
  const { preview, locale } = props;
  const R = props.t.runDialog;
  const refusal = runRefusal(preview, R, locale);
  const money = (n: number) => formatMoney(n, preview.currency, locale);
  return (
    <section aria-labelledby={`${props.refusalId}-title`} className="flex flex-col gap-3">
      <h3 id={`${props.refusalId}-title`} className="text-sm font-semibold">
        {R.previewTitle}
      </h3>
      <p className="text-sm font-medium tabular-nums" data-testid="run-summary">
        {format(R.summary, { rows: formatCount(preview.rows.length, locale), each: picturesText(props.each, R, locale), pictures: picturesText(preview.pictures, R, locale) })}
        {" · "}
        {preview.price === null ? R.unpricedNote : format(R.price, { price: money(preview.price) })}
      </p>
      <div className="max-h-56 overflow-auto rounded-lg ring-1 ring-zinc-200 dark:ring-zinc-800">
        <table className="w-full text-left text-xs">
          <thead className="sticky top-0 bg-zinc-100 dark:bg-zinc-800">
            <tr>
              <th scope="col" className="px-2 py-1.5 font-semibold">
                #
              </th>
              {props.blanks.map((blank) => (
                <th key={blank} scope="col" className="px-2 py-1.5 font-semibold">
                  {blank}
                </th>
              ))}
              <th scope="col" className="px-2 py-1.5 font-semibold">
                {R.previewPrompt}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {preview.prompts.map((prompt, i) => (
              <tr key={i}>
                {/* The spreadsheet's row: the header is row 1. */}
                <th scope="row" className="px-2 py-1.5 font-normal whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400">
                  {format(R.previewRow, { row: i + 2 })}
                </th>
                {props.blanks.map((blank) => (
                  <td key={blank} className="max-w-40 truncate px-2 py-1.5" title={preview.rows[i]?.[blank]}>
                    {preview.rows[i]?.[blank]}
                  </td>
                ))}
                <td className="min-w-48 px-2 py-1.5">{prompt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-col gap-1 text-sm">
        <h4 className="font-medium">{R.leavesTitle}</h4>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-zinc-700 tabular-nums dark:text-zinc-300">
          <li>{format(R.leftToday, { count: formatCount(preview.left.today, locale) })}</li>
          <li>{format(R.leftInFlight, { count: formatCount(preview.left.inFlight, locale) })}</li>
          {preview.left.month !== null && <li>{format(R.leftMonth, { amount: money(preview.left.month) })}</li>}
        </ul>
      </div>
      {refusal && (
        <p id={props.refusalId} role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950/50 dark:text-rose-200">
          {refusal} {R.nothingSent}
        </p>
      )}
    </section>
  );
}
