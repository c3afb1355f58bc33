"use client";
import type { User } from "@/lib/contract";
import type { Dictionary, Locale } from "@/lib/i18n";
import { format, plural } from "@/lib/i18n/format";
import { PersonRow } from "./person-row";
import { section } from "@/components/ui/styles";

/**
 * Everyone with an account, admins first, then by name; a wide table scrolls
 * sideways on a phone. Models without a price are flagged above it: under a
 * budget they are refused.
 */
export function PeopleTable(props: {
  t: Dictionary;
  locale: Locale;
  users: User[];
  currency: string;
  defaults: { daily: number; maxActive: number; monthlyBudget: number | null };
  /** Price keys with no price (the prices' answer): flagged here, where budgets are set. */
  unpriced: string[];
  selfId: string;
  accountsMode: boolean;
  signsIn: boolean;
  onChanged(user: User): void;
  onInvite(user: User, invite: { url: string; expiresAt: string }): void;
}) {
  const { t } = props;
  const people = [...props.users].sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === "admin" ? -1 : 1));
  const head = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400 whitespace-nowrap";
  return (
    <section aria-labelledby="people-heading" className={section}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="people-heading" className="text-base font-semibold">
          {t.admin.peopleHeading}
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {plural(props.locale, people.length, t.admin.peopleCount)} · {t.admin.limitsHint}
        </p>
      </div>
      {props.unpriced.length > 0 && (
        <div role="note" aria-labelledby="unpriced-people-heading" className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/40 dark:text-amber-100">
          <p id="unpriced-people-heading" className="font-semibold break-words">
            {format(t.admin.unpricedPeopleHeading, { keys: props.unpriced.join(", ") })}
          </p>
          <p className="mt-0.5">
            {t.admin.unpricedPeopleHint}{" "}
            <a href="#prices-heading" className="font-medium underline underline-offset-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500">
              {t.admin.unpricedPeopleLink}
            </a>
          </p>
        </div>
      )}
      <div className="-mx-4 mt-3 overflow-x-auto sm:-mx-5" tabIndex={0} role="region" aria-labelledby="people-heading">
        <table className="w-full min-w-[960px] text-sm">
          <thead>
            <tr>
              <th scope="col" className={`${head} pl-4 sm:pl-5`}>{t.admin.colName}</th>
              <th scope="col" className={head}>{t.admin.colRole}</th>
              <th scope="col" className={head}>{t.admin.colState}</th>
              <th scope="col" className={head}>{t.admin.dailyLimit}</th>
              <th scope="col" className={head}>{t.admin.maxActive}</th>
              <th scope="col" className={head}>{format(t.admin.monthlyBudget, { currency: props.currency })}</th>
              <th scope="col" className={head}>{t.admin.colLastSeen}</th>
              <th scope="col" className={head}>{t.admin.colMonth}</th>
              <th scope="col" className={`${head} pr-4 sm:pr-5`}>{t.admin.colActions}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((user) => (
              <PersonRow
                key={user.id}
                t={t}
                locale={props.locale}
                user={user}
                currency={props.currency}
                defaults={props.defaults}
                isSelf={user.id === props.selfId}
                accountsMode={props.accountsMode}
                signsIn={props.signsIn}
                onChanged={props.onChanged}
                onInvite={props.onInvite}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
