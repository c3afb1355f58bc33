import type { Metadata } from "next";
import { PageHeader } from "@/components/account/page-header";
import { TokensPage } from "@/components/tokens/tokens-page";
import { tokenMaxDays } from "@/lib/auth/api-tokens";
import { dictionaries } from "@/lib/i18n";
import { pagePerson } from "@/lib/server/page-person";
import { requestLocale } from "@/lib/server/preferences";
import { tokensStart } from "@/lib/server/tokens-start";
import { getDeps } from "@/lib/wiring";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API tokens · Nano Studio" };

/** One's personal API tokens, and everyone's for admins (the API decides who may see and revoke what). */
export default async function TokensRoute() {
  const locale = await requestLocale();
  const t = dictionaries[locale];
  const user = await pagePerson("/tokens");
  const isAdmin = user.role === "admin";
  // The longest a token may live: the form offers nothing longer.
  const [maxDays, start] = await Promise.all([tokenMaxDays((await getDeps()).db), tokensStart(user)]);
  return (
    <div className="mx-auto flex min-h-dvh max-w-[1600px] flex-col gap-5 px-3 py-3 sm:px-5 sm:py-4">
      <PageHeader t={t} title={t.tokens.title} intro={t.tokens.intro} current="tokens" isAdmin={isAdmin} />
      <main>
        <TokensPage t={t} locale={locale} isAdmin={isAdmin} maxDays={maxDays} start={start} />
      </main>
    </div>
  );
}
