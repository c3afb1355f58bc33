import type { Metadata } from "next";
import { PageHeader } from "@/components/account/page-header";
import { UsagePage } from "@/components/usage/usage-page";
import { defaultRange, validRange } from "@/lib/client/usage-range";
import { dictionaries } from "@/lib/i18n";
import { pagePerson } from "@/lib/server/page-person";
import { requestLocale } from "@/lib/server/preferences";
import { usageStart } from "@/lib/server/usage-start";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Usage · Nano Studio" };

/** Pictures, failures and spend over a date range: everyone's for admins, one's own for members (the API decides). */
export default async function UsageRoute({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const locale = await requestLocale();
  const t = dictionaries[locale];
  const user = await pagePerson("/usage");
  const isAdmin = user.role === "admin";
  const { from, to } = await searchParams;
  const asked = { from: typeof from === "string" ? from : "", to: typeof to === "string" ? to : "" };
  const initial = validRange(asked) ? asked : defaultRange();
  return (
    <div className="mx-auto flex min-h-dvh max-w-[1600px] flex-col gap-5 px-3 py-3 sm:px-5 sm:py-4">
      <PageHeader t={t} title={t.usage.title} intro={isAdmin ? t.usage.introAdmin : t.usage.introMember} current="usage" isAdmin={isAdmin} />
      <main>
        <UsagePage t={t} locale={locale} initial={initial} isAdmin={isAdmin} start={await usageStart(user, initial)} />
      </main>
    </div>
  );
}
