import Link from "next/link";
import { dictionaries } from "@/lib/i18n";
import { requestLocale } from "@/lib/server/preferences";

/** An unknown board and someone else's private one look the same: not here. */
export default async function BoardNotFound() {
  const t = dictionaries[await requestLocale()].boards.page;
  return (
    <main className="grid min-h-dvh place-items-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-zinc-600 dark:text-zinc-400">404</p>
        <h1 className="mt-1 text-2xl font-bold tracking-tight">{t.notFoundTitle}</h1>
        <p className="mt-2 text-zinc-600 dark:text-zinc-400">{t.notFoundBody}</p>
        <Link
          href="/"
          className="mt-6 inline-flex rounded-xl bg-zinc-900 px-4 py-2 text-sm font-semibold text-white hover:bg-zinc-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:bg-zinc-100 dark:text-zinc-900"
        >
          {t.back}
        </Link>
      </div>
    </main>
  );
}
