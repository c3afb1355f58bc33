import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Studio } from "@/components/studio/studio";
import { identifyForPage, signsInHere } from "@/lib/auth/identify";
import { getConfig } from "@/lib/config";
import { dictionaries } from "@/lib/i18n";
import { requestLocale, requestTheme } from "@/lib/server/preferences";

export const dynamic = "force-dynamic";

export default async function StudioPage() {
  const [locale, theme] = await Promise.all([requestLocale(), requestTheme()]);
  const config = getConfig();
  const found = await identifyForPage(new Request("http://studio.local/", { headers: await headers() }));
  if ("refused" in found) {
    if (!signsInHere(config.auth)) redirect("/unauthorized");
    redirect(found.refused === "disabled" ? "/sign-in?error=disabled" : "/sign-in");
  }
  const { user } = found;
  return (
    <Studio t={dictionaries[locale]} locale={locale} theme={theme} upstream={config.upstream} user={user.name} role={user.role} auth={config.auth.mode} />
  );
}
