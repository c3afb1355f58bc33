import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/account/page-header";
import { UsagePage } from "@/components/usage/usage-page";
import { identifyForPage } from "@/lib/auth/identify";
import { getConfig } from "@/lib/config";
import { defaultRange, validRange } from "@/lib/client/usage-range";
import { dictionaries } from "@/lib/i18n";
import { requestLocale } from "@/lib/server/preferences";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Usage · Nano Studio" };

/** Pictures, failures and spend over a date range: everyone's for admins, one's own for members (the API decides). */
export default async function UsageRoute({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const locale = await requestLocale();
  const t = dictionaries[locale];
  const mode = getConfig().auth.mode;
  const found = await identifyForPage(new Request("http://studio.local/usage", { headers: await headers() }));
  if (!("user" in found)) {
    const signsIn = mode === "password" || mode === "accounts" || mode === "oidc";
    redirect(!signsIn ? "/unauthorized" : found.refused === "disabled" ? "/sign-in?error=disabled" : "/sign-in");
  }
  const isAdmin = found.user.role === "admin";
  const { from, to } = await searchParams;
  const asked = { from: typeof from === "string" ? from : "", to: typeof to === "string" ? to : "" };
  const initial = validRange(asked) ? asked : defaultRange();
  return (
    <div className="mx-auto flex min-h-dvh max-w-[1600px] flex-col gap-5 px-3 py-3 sm:px-5 sm:py-4">
      <PageHeader t={t} title={t.usage.title} intro={isAdmin ? t.usage.introAdmin : t.usage.introMember} current="usage" isAdmin={isAdmin} />
      <main>
        <UsagePage t={t} locale={locale} initial={initial} />
      </main>
    </div>
  );
}
