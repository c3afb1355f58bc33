import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm, type SignInMode } from "@/components/auth/sign-in-form";
import { safeReturnTo } from "@/lib/auth/return-to";
import { getConfig } from "@/lib/config";
import { dictionaries } from "@/lib/i18n";
import { identifyForPage } from "@/lib/server/page-person";
import { requestLocale } from "@/lib/server/preferences";

export const dynamic = "force-dynamic";

const SIGN_IN_MODES: readonly string[] = ["password", "accounts", "oidc"] satisfies SignInMode[];
const KNOWN_ERRORS = ["oidc_failed", "disabled"] as const;
type SignInError = (typeof KNOWN_ERRORS)[number];

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const mode = getConfig().auth.mode;
  if (!SIGN_IN_MODES.includes(mode)) redirect("/");
  const query = await searchParams;
  // The page that sent the person here (a link to /p/<id>, say): back there once signed in.
  const returnTo = safeReturnTo(typeof query.returnTo === "string" ? query.returnTo : undefined);
  const found = await identifyForPage(new Request("http://studio.local/", { headers: await headers() }));
  if ("user" in found) redirect(returnTo);
  const t = dictionaries[await requestLocale()];
  const asked = query.error;
  // A disabled person's cookie says so even without ?error=disabled.
  const error: SignInError | undefined =
    typeof asked === "string" && (KNOWN_ERRORS as readonly string[]).includes(asked) ? (asked as SignInError) : found.refused === "disabled" ? "disabled" : undefined;
  const hint = mode === "accounts" ? t.auth.accountsHint : mode === "oidc" ? t.auth.oidcHint : t.auth.signInHint;
  return (
    <main className="grid min-h-dvh place-items-center px-4">
      <div className="w-full max-w-sm rounded-2xl bg-white p-6 shadow-lg ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        <h1 className="text-xl font-bold tracking-tight">{t.auth.signInTitle}</h1>
        <p className="mt-1 mb-5 text-sm text-zinc-600 dark:text-zinc-400">{hint}</p>
        <SignInForm t={t} mode={mode as SignInMode} returnTo={returnTo} initialError={error === "disabled" ? t.auth.errorDisabled : error === "oidc_failed" ? t.auth.errorOidcFailed : null} />
      </div>
    </main>
  );
}
