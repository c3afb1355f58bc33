import { Studio } from "@/components/studio/studio";
import { getConfig } from "@/lib/config";
import { listGenerationsQuerySchema } from "@/lib/contract";
import { dictionaries } from "@/lib/i18n";
import { feedStartFor } from "@/lib/server/feed-start";
import { pagePerson } from "@/lib/server/page-person";
import { requestLocale, requestTheme } from "@/lib/server/preferences";

export const dynamic = "force-dynamic";

export default async function StudioPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [locale, theme] = await Promise.all([requestLocale(), requestTheme()]);
  const config = getConfig();
  const user = await pagePerson();
  // A reload of "Show batch" (/?batch=…) gets that batch's pictures with the HTML.
  const wanted = listGenerationsQuerySchema.shape.batch.safeParse((await searchParams).batch);
  const initial = await feedStartFor(user, { batch: wanted.success ? wanted.data : undefined });
  return (
    <Studio
      t={dictionaries[locale]}
      locale={locale}
      theme={theme}
      upstream={config.upstream}
      user={user.name}
      role={user.role}
      auth={config.auth.mode}
      initial={initial}
    />
  );
}
