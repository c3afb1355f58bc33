import { dictionaries } from "@/lib/i18n";
import { requestLocale } from "@/lib/server/preferences";

export const dynamic = "force-dynamic";

/** Header mode without the header: the team's auth proxy was bypassed or is misconfigured. */
export default async function UnauthorizedPage() {
  const t = dictionaries[await requestLocale()];
  return (
    <main className="grid min-h-dvh place-items-center px-4">
      <div className="max-w-md rounded-2xl bg-white p-6 text-center shadow-lg ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        <h1 className="text-xl font-bold">{t.auth.unauthorizedTitle}</h1>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t.auth.unauthorizedHint}</p>
      </div>
    </main>
  );
}
