import { UpstreamBadge } from "@/components/upstream-badge";
import { getConfig } from "@/lib/config";
import { dictionaries } from "@/lib/i18n";
import { requestLocale } from "@/lib/server/locale";

export const dynamic = "force-dynamic";

export default async function StudioPage() {
  const t = dictionaries[await requestLocale()];
  const { upstream } = getConfig();
  return (
    <main className="mx-auto max-w-6xl px-4 py-6">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{t.appName}</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{t.tagline}</p>
        </div>
        <UpstreamBadge upstream={upstream} t={t} />
      </header>
    </main>
  );
}
