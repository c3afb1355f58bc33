"use client";
import { useState } from "react";
import { errorText } from "@/lib/client/format";
import { adminApi } from "@/lib/client/api";
import type { z } from "zod";
import type { pricesResponseSchema } from "@/lib/contract";
import type { Dictionary } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import { alert, button, input, ok, primary, section } from "@/components/ui/styles";

type Prices = z.infer<typeof pricesResponseSchema>;
type Row = { key: string; price: string; source: "env" | "studio" | "new"; removed: boolean };

const rowsOf = (prices: Prices): Row[] => prices.items.map((item) => ({ key: item.key, price: String(item.price), source: item.source, removed: false }));

/** What a PUT must send: changed and new prices as numbers, removed studio prices as null. */
export function pricesChange(prices: Prices, rows: Row[]): Record<string, number | null> | "invalid" {
  const change: Record<string, number | null> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (!key) continue;
    if (row.removed) {
      change[key] = null;
      continue;
    }
    const text = row.price.trim();
    const before = prices.items.find((item) => item.key === key);
    if (text === "") {
      if (before?.source === "studio") change[key] = null;
      continue;
    }
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0) return "invalid";
    if (!before || before.price !== value) change[key] = value;
  }
  return change;
}

/** Per-model prices: the effective ones, which of them the studio sets, and new keys. */
export function PricesEditor(props: { t: Dictionary; prices: Prices; onSaved(prices: Prices): void }) {
  const { t, prices } = props;
  const [rows, setRows] = useState<Row[]>(() => rowsOf(prices));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const currency = prices.currency;

  const update = (index: number, patch: Partial<Row>) => setRows((all) => all.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  /** A new row for `key`, unless one is already there to fill in. */
  const addKey = (key: string) =>
    setRows((all) => (all.some((row) => row.key.trim() === key) ? all : [...all, { key, price: "", source: "new", removed: false }]));

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const change = pricesChange(prices, rows);
    if (change === "invalid") return setMessage({ kind: "error", text: t.admin.invalidMoney });
    setBusy(true);
    setMessage(null);
    try {
      const saved = await adminApi.putPrices(change);
      props.onSaved(saved);
      setRows(rowsOf(saved));
      setMessage({ kind: "ok", text: t.admin.pricesSaved });
    } catch (e) {
      setMessage({ kind: "error", text: errorText(e, t) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="prices-heading" className={section}>
      <h2 id="prices-heading" className="text-base font-semibold">
        {t.admin.pricesHeading}
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{format(t.admin.pricesHint, { currency })}</p>
      <UnpricedNotice t={t} unpriced={prices.unpriced} onPick={addKey} />
      <form onSubmit={save} noValidate className="mt-3 flex flex-col gap-3">
        {rows.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">{t.admin.noPrices}</p>}
        <ul className="flex flex-col gap-2">
          {rows.map((row, index) => (
            <li key={`${row.source}-${index}`} className={`flex flex-wrap items-center gap-2 ${row.removed ? "opacity-50" : ""}`}>
              {row.source === "new" ? (
                <input
                  className={`${input} w-56 font-mono`}
                  value={row.key}
                  placeholder="nano_banana_2"
                  aria-label={t.admin.newKey}
                  onChange={(e) => update(index, { key: e.target.value })}
                />
              ) : (
                <code className="w-56 truncate text-sm" title={row.key}>
                  {row.key}
                </code>
              )}
              <input
                className={`${input} w-32 tabular-nums`}
                type="number"
                min={0}
                step="any"
                inputMode="decimal"
                value={row.price}
                disabled={row.removed}
                aria-label={row.source === "new" ? t.admin.newPrice : format(t.admin.priceOf, { key: row.key })}
                onChange={(e) => update(index, { price: e.target.value })}
              />
              <span className="text-xs text-zinc-600 dark:text-zinc-400">{row.source === "env" ? t.admin.sourceEnv : row.source === "studio" ? t.admin.sourceStudio : ""}</span>
              {row.source === "studio" && (
                <button
                  type="button"
                  className={button}
                  aria-pressed={row.removed}
                  aria-label={format(t.admin.removePriceOf, { key: row.key })}
                  onClick={() => update(index, { removed: !row.removed })}
                >
                  {t.admin.removePrice}
                </button>
              )}
            </li>
          ))}
        </ul>
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" className={button} onClick={() => setRows((all) => [...all, { key: "", price: "", source: "new", removed: false }])}>
            {t.admin.addPrice}
          </button>
          <button type="submit" className={primary} disabled={busy}>
            {busy ? t.account.saving : t.admin.savePrices}
          </button>
        </div>
        <p role={message?.kind === "error" ? "alert" : "status"} className={message?.kind === "error" ? alert : ok}>
          {message?.text}
        </p>
      </form>
    </section>
  );
}

/**
 * Models and sizes without a price, from the server's view of the prices in
 * force: they would count as free, so under a budget they are refused.
 * Each offers a row to price it.
 */
function UnpricedNotice(props: { t: Dictionary; unpriced: string[]; onPick(key: string): void }) {
  const { t, unpriced } = props;
  if (unpriced.length === 0) return null;
  return (
    <div role="note" aria-labelledby="unpriced-heading" className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/40 dark:text-amber-100">
      <p id="unpriced-heading" className="font-semibold">
        {t.admin.unpricedHeading}
      </p>
      <p className="mt-0.5">{t.admin.unpricedHint}</p>
      <ul className="mt-2 flex flex-wrap gap-2">
        {unpriced.map((key) => (
          <li key={key} className="flex items-center gap-1.5">
            <code className="text-xs">{key}</code>
            <button type="button" className={button} aria-label={format(t.admin.setPriceOf, { key })} onClick={() => props.onPick(key)}>
              {t.admin.setPrice}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
