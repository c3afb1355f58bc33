"use client";
import type { User } from "@/lib/contract";
import type { Dictionary, Locale } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import { PersonRow } from "./person-row";
import { section } from "./styles";

/** Everyone with an account, admins first, then by name; a wide table scrolls sideways on a phone. */
export function PeopleTable(props: {
  t: Dictionary;
  locale: Locale;
  users: User[];
  currency: string;
  defaults: { daily: number; maxActive: number; monthlyBudget: number | null };
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
          {format(t.admin.peopleCount, { n: people.length })} · {t.admin.limitsHint}
        </p>
      </div>
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
