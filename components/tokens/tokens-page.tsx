"use client";
import { useState } from "react";
import { alert, button, section } from "@/components/ui/styles";
import { errorText } from "@/lib/client/format";
import type { TokensStart } from "@/lib/contract-feed";
import type { Dictionary, Locale } from "@/lib/i18n";
import { CreateTokenForm } from "./create-token-form";
import { NewToken } from "./new-token";
import { TokensTable } from "./tokens-table";
import { useTokens, type TokenPages } from "./use-tokens";

/**
 * The tokens page's body: a new secret (once), making one (no longer-lived
 * than `maxDays`, the admins' maximum), one's own tokens, and everyone's for
 * admins, a page at a time; the first pages come with the page (`start`).
 */
export function TokensPage(props: { t: Dictionary; locale: Locale; isAdmin: boolean; maxDays: number; start?: TokensStart }) {
  const { t, locale, isAdmin } = props;
  const T = t.tokens;
  const { mine, everyone, refresh } = useTokens(isAdmin, props.start);
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
  const more = (pages: TokenPages) =>
    pages.hasMore && (
      <button type="button" className={`${button} self-center`} disabled={pages.loadingMore} onClick={pages.loadMore}>
        {pages.loadingMore ? T.loadingMore : T.showMore}
      </button>
    );

  return (
    <div className="flex flex-col gap-5">
      {created && <NewToken t={t} {...created} onDone={() => setCreated(null)} />}
      <CreateTokenForm
        t={t}
        locale={locale}
        maxDays={props.maxDays}
        onCreated={(made) => {
          setCreated(made);
          refresh();
        }}
      />
      {mine.error
        ? failed(mine.error)
        : !mine.items
          ? loading
          : <TokensTable t={t} locale={locale} id="my-tokens" heading={T.mineHeading} empty={T.mineEmpty} items={mine.items} withPerson={false} onRevoked={refresh} />}
      {more(mine)}
      {isAdmin &&
        (everyone.error
          ? failed(everyone.error)
          : !everyone.items
            ? loading
            : (
              <TokensTable
                t={t}
                locale={locale}
                id="everyones-tokens"
                heading={T.everyoneHeading}
                hint={T.everyoneHint}
                empty={T.everyoneEmpty}
                items={everyone.items}
                withPerson
                onRevoked={refresh}
              />
            ))}
      {isAdmin && more(everyone)}
    </div>
  );
}
