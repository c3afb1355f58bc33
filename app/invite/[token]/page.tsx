import type { Metadata } from "next";
import { InviteForm } from "@/components/auth/invite-form";
import { dictionaries } from "@/lib/i18n";
import { requestLocale } from "@/lib/server/preferences";

export const dynamic = "force-dynamic";
// The token is a secret: no search engine, and no Referer carrying it elsewhere.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/** Where an invite link lands: the invited person chooses a password and is signed in. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = dictionaries[await requestLocale()];
  return (
    <main className="grid min-h-dvh place-items-center px-4">
      <div className="w-full max-w-sm rounded-2xl bg-white p-6 shadow-lg ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        <h1 className="text-xl font-bold tracking-tight">{t.account.inviteTitle}</h1>
        <p className="mt-1 mb-5 text-sm text-zinc-600 dark:text-zinc-400">{t.account.inviteHint}</p>
        <InviteForm t={t} token={token} />
      </div>
    </main>
  );
}
