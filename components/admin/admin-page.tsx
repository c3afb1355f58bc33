"use client";
import { useState } from "react";
import { errorText } from "@/lib/client/format";
import type { User } from "@/lib/contract";
import type { Dictionary, Locale } from "@/lib/i18n";
import { AddPersonForm } from "./add-person-form";
import { InviteLink } from "./invite-link";
import { PeopleTable } from "./people-table";
import { PricesEditor } from "./prices-editor";
import { SessionsSettings } from "./sessions-settings";
import { alert, section } from "@/components/ui/styles";
import { useAdminData, type AdminInitial } from "./use-admin-data";

type Invite = { name: string; url: string; expiresAt: string };

/** The admin page's body: a fresh invite link (once), the people, adding one, sessions and tokens, the prices. */
export function AdminPage(props: { t: Dictionary; locale: Locale; selfId: string; accountsMode: boolean; signsIn: boolean; initial?: AdminInitial }) {
  const { t, locale } = props;
  const { users, prices, settings, replaceUser } = useAdminData(props.initial);
  const [invite, setInvite] = useState<Invite | null>(null);
  const showInvite = (user: User, link: { url: string; expiresAt: string }) => setInvite({ name: user.name, ...link });

  return (
    <div className="flex flex-col gap-5">
      {invite && <InviteLink t={t} locale={locale} {...invite} onDone={() => setInvite(null)} />}
      {users.error ? (
        <p role="alert" className={alert}>
          {errorText(users.error, t)}
        </p>
      ) : !users.data ? (
        <p role="status" className={`${section} text-sm text-zinc-600 dark:text-zinc-400`}>
          {t.admin.loading}
        </p>
      ) : (
        <PeopleTable
          t={t}
          locale={locale}
          users={users.data.items}
          currency={users.data.currency}
          defaults={users.data.defaults}
          unpriced={prices.data?.unpriced ?? []}
          selfId={props.selfId}
          accountsMode={props.accountsMode}
          signsIn={props.signsIn}
          onChanged={replaceUser}
          onInvite={showInvite}
        />
      )}
      {props.accountsMode && <AddPersonForm t={t} onAdded={replaceUser} onInvite={showInvite} />}
      {settings.error ? (
        <p role="alert" className={alert}>
          {errorText(settings.error, t)}
        </p>
      ) : (
        settings.data && (
          <SessionsSettings t={t} settings={settings.data} signsIn={props.signsIn} onSaved={(saved) => void settings.mutate(saved, { revalidate: false })} />
        )
      )}
      {prices.error ? (
        <p role="alert" className={alert}>
          {errorText(prices.error, t)}
        </p>
      ) : (
        prices.data && <PricesEditor t={t} prices={prices.data} onSaved={(saved) => void prices.mutate(saved, { revalidate: false })} />
      )}
    </div>
  );
}
