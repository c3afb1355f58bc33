import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Studio } from "@/components/studio/studio";
import { identifyOrUndefined } from "@/lib/auth/identify";
import { getConfig } from "@/lib/config";
import { dictionaries } from "@/lib/i18n";
import { requestLocale, requestTheme } from "@/lib/server/preferences";

export const dynamic = "force-dynamic";

export default async function StudioPage() {
  const [locale, theme] = await Promise.all([requestLocale(), requestTheme()]);
  const config = getConfig();
  const user = await identifyOrUndefined(new Request("http://studio.local/", { headers: await headers() }));
  if (!user) redirect(config.auth.mode === "password" ? "/sign-in" : "/unauthorized");
  return <Studio t={dictionaries[locale]} locale={locale} theme={theme} upstream={config.upstream} user={user} auth={config.auth.mode} />;
}
