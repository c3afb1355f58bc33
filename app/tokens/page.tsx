import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/account/page-header";
import { TokensPage } from "@/components/tokens/tokens-page";
import { identifyForPage } from "@/lib/auth/identify";
import { getConfig } from "@/lib/config";
import { dictionaries } from "@/lib/i18n";
import { requestLocale } from "@/lib/server/preferences";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API tokens · Nano Studio" };

/** One's personal API tokens, and everyone's for admins (the API decides who may see and revoke what). */
export default async function TokensRoute() {
  const locale = await requestLocale();
  const t = dictionaries[locale];
  const mode = getConfig().auth.mode;
  const found = await identifyForPage(new Request("http://studio.local/tokens", { headers: await headers() }));
  if (!("user" in found)) {
    const signsIn = mode === "password" || mode === "accounts" || mode === "oidc";
    redirect(!signsIn ? "/unauthorized" : found.refused === "disabled" ? "/sign-in?error=disabled" : "/sign-in");
  }
  const isAdmin = found.user.role === "admin";
  return (
    <div className="mx-auto flex min-h-dvh max-w-[1600px] flex-col gap-5 px-3 py-3 sm:px-5 sm:py-4">
      <PageHeader t={t} title={t.tokens.title} intro={t.tokens.intro} current="tokens" isAdmin={isAdmin} />
      <main>
        <TokensPage t={t} locale={locale} isAdmin={isAdmin} />
      </main>
    </div>
  );
}
