import { dictionaries } from "@/lib/i18n";
import { requestLocale } from "@/lib/server/preferences";

/** One plain answer for an unknown, expired or revoked link: which of them is not said. */
export default async function ShareNotFound() {
  const t = dictionaries[await requestLocale()].share;
  return (
    <main className="grid min-h-dvh place-items-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-zinc-600 dark:text-zinc-400">404</p>
        <h1 className="mt-1 text-2xl font-bold tracking-tight">{t.notFoundTitle}</h1>
        <p className="mt-2 text-zinc-600 dark:text-zinc-400">{t.notFoundBody}</p>
      </div>
    </main>
  );
}
