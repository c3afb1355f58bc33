"use client";
import { useRef, useState } from "react";
import { button, ok, section } from "@/components/ui/styles";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorText } from "@/lib/client/format";
import { tokensApi } from "@/lib/client/api";
import { formatWhen } from "@/lib/client/money";
import type { ApiToken } from "@/lib/contract";
import type { Dictionary, Locale } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";

type Pending = { token: ApiToken; busy: boolean; error: string | null };

/**
 * A list of tokens (one's own, or everyone's with each person's name): when
 * made, until when, last used, and Revoke after a confirmation. On a phone
 * the dates go under the name, so Revoke stays in reach without scrolling.
 */
export function TokensTable(props: {
  t: Dictionary;
  locale: Locale;
  id: string;
  heading: string;
  hint?: string;
  empty: string;
  items: ApiToken[];
  withPerson: boolean;
  onRevoked(): void;
}) {
  const { t, locale } = props;
  const T = t.tokens;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const headingId = `${props.id}-heading`;

  async function revoke() {
    if (!pending) return;
    setPending({ ...pending, busy: true, error: null });
    try {
      await tokensApi.revoke(pending.token.id);
      setPending(null);
      setDone(format(T.revoked, { name: pending.token.name }));
      props.onRevoked();
      // Its row (and button) is gone: focus stays in this list.
      headingRef.current?.focus();
    } catch (e) {
      setPending({ ...pending, busy: false, error: errorText(e, t) });
    }
  }

  // eslint-disable-next-line react-hooks/purity -- expiry and last-use are shown relative to the time of this render
  const now = Date.now();
  const head = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide whitespace-nowrap text-zinc-600 dark:text-zinc-400";
  const cell = "px-3 py-2.5 align-middle whitespace-nowrap text-zinc-700 dark:text-zinc-300";
  // Columns a phone shows under the name instead.
  const wide = "max-sm:hidden";
  return (
    <section aria-labelledby={headingId} className={section}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="text-base font-semibold outline-none">
          {props.heading}
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {props.items.length === 1 ? T.countOne : format(T.count, { n: props.items.length })}
        </p>
      </div>
      {props.hint && <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{props.hint}</p>}
      {props.items.length === 0 ? (
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">{props.empty}</p>
      ) : (
        <div className="-mx-4 mt-3 overflow-x-auto sm:-mx-5" tabIndex={0} role="region" aria-labelledby={headingId}>
          <table className="w-full text-sm sm:min-w-[40rem]">
            <thead>
              <tr>
                <th scope="col" className={`${head} pl-4 sm:pl-5`}>{T.colName}</th>
                {props.withPerson && <th scope="col" className={`${head} ${wide}`}>{T.colPerson}</th>}
                <th scope="col" className={`${head} ${wide}`}>{T.colCreated}</th>
                <th scope="col" className={`${head} ${wide}`}>{T.colExpires}</th>
                <th scope="col" className={`${head} ${wide}`}>{T.colLastUsed}</th>
                <th scope="col" className={`${head} pr-4 text-right sm:pr-5`}>{T.colActions}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((token) => {
                const expired = token.expiresAt !== null && Date.parse(token.expiresAt) <= now;
                const expires =
                  token.expiresAt === null ? (
                    T.neverExpires
                  ) : (
                    <span className="inline-flex items-center gap-1.5">
                      {expired && <span className="rounded-full bg-rose-100 px-2 py-0.5 text-xs font-medium text-rose-800 dark:bg-rose-500/15 dark:text-rose-200">{T.expired}</span>}
                      {formatWhen(token.expiresAt, locale)}
                    </span>
                  );
                const lastUsed = token.lastUsedAt ? formatWhen(token.lastUsedAt, locale) : T.neverUsed;
                return (
                  <tr key={token.id} className="border-t border-zinc-200 dark:border-zinc-800">
                    <th scope="row" className="px-3 py-2.5 pl-4 text-left font-medium sm:pl-5">
                      <span className="block max-w-56 truncate max-sm:max-w-[calc(100vw-10rem)]" title={token.name}>
                        {token.name}
                      </span>
                      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-xs font-normal text-zinc-600 sm:hidden dark:text-zinc-400">
                        {props.withPerson && (
                          <>
                            <dt>{T.colPerson}</dt>
                            <dd>{token.user}</dd>
                          </>
                        )}
                        <dt>{T.colCreated}</dt>
                        <dd>{formatWhen(token.createdAt, locale)}</dd>
                        <dt>{T.colExpires}</dt>
                        <dd>{expires}</dd>
                        <dt>{T.colLastUsed}</dt>
                        <dd>{lastUsed}</dd>
                      </dl>
                    </th>
                    {props.withPerson && <td className={`${cell} ${wide}`}>{token.user}</td>}
                    <td className={`${cell} ${wide}`}>{formatWhen(token.createdAt, locale)}</td>
                    <td className={`${cell} ${wide}`}>{expires}</td>
                    <td className={`${cell} ${wide}`}>{lastUsed}</td>
                    <td className={`${cell} pr-4 text-right sm:pr-5`}>
                      <button
                        type="button"
                        className={button}
                        aria-label={props.withPerson ? format(T.revokeOf, { name: token.name, person: token.user }) : format(T.revokeName, { name: token.name })}
                        onClick={() => setPending({ token, busy: false, error: null })}
                      >
                        {T.revoke}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p role="status" className={`mt-2 ${ok}`}>
        {done}
      </p>
      {pending && (
        <ConfirmDialog
          title={T.confirmTitle}
          body={format(T.confirmBody, { name: pending.token.name })}
          confirmLabel={T.confirm}
          cancelLabel={T.keep}
          busyLabel={T.revoking}
          busy={pending.busy}
          error={pending.error}
          onConfirm={() => void revoke()}
          onCancel={() => setPending(null)}
        />
      )}
    </section>
  );
}
