import type { Metadata } from "next";
import { PageHeader } from "@/components/account/page-header";
import { TemplatesPage } from "@/components/templates-page/templates-page";
import { dictionaries } from "@/lib/i18n";
import { pagePerson } from "@/lib/server/page-person";
import { requestLocale } from "@/lib/server/preferences";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Templates · Nano Studio" };

/**
 * The prompt library: every template the person sees, to use, copy or tidy.
 * Signed-in people only (pagePerson); what each may see and change is the
 * API's to decide (lib/templates/access.ts), the page only shows it.
 */
export default async function TemplatesRoute() {
  const locale = await requestLocale();
  const t = dictionaries[locale];
  const user = await pagePerson("/templates");
  return (
    <div className="mx-auto flex min-h-dvh max-w-[1600px] flex-col gap-5 px-3 py-3 sm:px-5 sm:py-4">
      <PageHeader t={t} title={t.templatesPage.title} intro={t.templatesPage.intro} current="templates" isAdmin={user.role === "admin"} />
      <main>
        <TemplatesPage t={t} locale={locale} me={user.name} />
      </main>
    </div>
  );
}
