import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { identifyOrUndefined } from "@/lib/auth/identify";
import { getConfig } from "@/lib/config";
import { dictionaries } from "@/lib/i18n";
import { requestLocale } from "@/lib/server/preferences";

export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (getConfig().auth.mode !== "password") redirect("/");
  if (await identifyOrUndefined(new Request("http://studio.local/", { headers: await headers() }))) redirect("/");
  const t = dictionaries[await requestLocale()];
  return (
    <main className="grid min-h-dvh place-items-center px-4">
      <div className="w-full max-w-sm rounded-2xl bg-white p-6 shadow-lg ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        <h1 className="text-xl font-bold tracking-tight">{t.auth.signInTitle}</h1>
        <p className="mt-1 mb-5 text-sm text-zinc-600 dark:text-zinc-400">{t.auth.signInHint}</p>
        <SignInForm t={t} />
      </div>
    </main>
  );
}
