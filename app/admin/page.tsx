import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/account/page-header";
import { AdminPage } from "@/components/admin/admin-page";
import { signsInHere } from "@/lib/auth/identify";
import { getConfig } from "@/lib/config";
import { dictionaries } from "@/lib/i18n";
import { adminStart } from "@/lib/server/admin-start";
import { pagePerson } from "@/lib/server/page-person";
import { requestLocale } from "@/lib/server/preferences";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin · Nano Studio" };

/** People, their limits and invites, and prices: admins only (the API checks again on every call). */
export default async function AdminRoute() {
  const locale = await requestLocale();
  const t = dictionaries[locale];
  const user = await pagePerson("/admin");
  if (user.role !== "admin") {
    return (
      <main className="grid min-h-dvh place-items-center px-4">
        <div className="max-w-md rounded-2xl bg-white p-6 text-center shadow-lg ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
          <p className="text-sm font-semibold text-zinc-600 dark:text-zinc-400">403</p>
          <h1 className="mt-1 text-xl font-bold">{t.account.forbiddenTitle}</h1>
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t.account.forbiddenHint}</p>
          <Link href="/" className="mt-4 inline-block rounded-md px-2 py-1 text-sm font-medium underline underline-offset-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500">
            {t.account.backToStudio}
          </Link>
        </div>
      </main>
    );
  }
  return (
    <div className="mx-auto flex min-h-dvh max-w-[1600px] flex-col gap-5 px-3 py-3 sm:px-5 sm:py-4">
      <PageHeader t={t} title={t.admin.title} intro={t.admin.intro} current="admin" isAdmin />
      <main>
        <AdminPage
          t={t}
          locale={locale}
          selfId={user.id}
          accountsMode={getConfig().auth.mode === "accounts"}
          signsIn={signsInHere(getConfig().auth)}
          initial={await adminStart()}
        />
      </main>
    </div>
  );
}
