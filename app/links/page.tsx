import type { Metadata } from "next";
import { PageHeader } from "@/components/account/page-header";
import { LinksPage } from "@/components/boards/links-page";
import { dictionaries } from "@/lib/i18n";
import { pagePerson } from "@/lib/server/page-person";
import { requestLocale } from "@/lib/server/preferences";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Share links · Nano Studio", robots: { index: false } };

/** The share links that show one's pictures, whoever made them, each revocable. */
export default async function LinksRoute() {
  const locale = await requestLocale();
  const t = dictionaries[locale];
  const user = await pagePerson("/links");
  return (
    <div className="mx-auto flex min-h-dvh max-w-[1600px] flex-col gap-5 px-3 py-3 sm:px-5 sm:py-4">
      <PageHeader t={t} title={t.boards.links.title} intro={t.boards.links.intro} current="links" isAdmin={user.role === "admin"} />
      <main>
        <LinksPage t={t} locale={locale} />
      </main>
    </div>
  );
}
