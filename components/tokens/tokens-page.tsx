"use client";
import { useState } from "react";
import { alert, section } from "@/components/admin/styles";
import { errorText } from "@/components/gallery/format";
import type { Dictionary, Locale } from "@/lib/i18n";
import { CreateTokenForm } from "./create-token-form";
import { NewToken } from "./new-token";
import { TokensTable } from "./tokens-table";
import { useTokens } from "./use-tokens";

/** The tokens page's body: a new secret (once), making one, one's own tokens, and everyone's for admins. */
export function TokensPage(props: { t: Dictionary; locale: Locale; isAdmin: boolean }) {
  const { t, locale, isAdmin } = props;
  const T = t.tokens;
  const { mine, everyone, refresh } = useTokens(isAdmin);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  const loading = (
    <p role="status" className={`${section} text-sm text-zinc-600 dark:text-zinc-400`}>
      {T.loading}
    </p>
  );
  const failed = (error: unknown) => (
    <p role="alert" className={alert}>
      {errorText(error, t)}
    </p>
  );

  return (
    <div className="flex flex-col gap-5">
      {created && <NewToken t={t} {...created} onDone={() => setCreated(null)} />}
      <CreateTokenForm
        t={t}
        onCreated={(made) => {
          setCreated(made);
          refresh();
        }}
      />
      {mine.error
        ? failed(mine.error)
        : !mine.data
          ? loading
          : <TokensTable t={t} locale={locale} id="my-tokens" heading={T.mineHeading} empty={T.mineEmpty} items={mine.data.items} withPerson={false} onRevoked={refresh} />}
      {isAdmin &&
        (everyone.error
          ? failed(everyone.error)
          : !everyone.data
            ? loading
            : (
              <TokensTable
                t={t}
                locale={locale}
                id="everyones-tokens"
                heading={T.everyoneHeading}
                hint={T.everyoneHint}
                empty={T.everyoneEmpty}
                items={everyone.data.items}
                withPerson
                onRevoked={refresh}
              />
            ))}
    </div>
  );
}
