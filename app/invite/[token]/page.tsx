import type { Metadata } from "next";
import { InviteForm } from "@/components/auth/invite-form";
import { INVITE_TTL_MS, inviteState, type InviteState } from "@/lib/accounts/invites";
import { getConfig } from "@/lib/config";
import { dictionaries, type Dictionary } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import { requestLocale } from "@/lib/server/preferences";
import { getDeps } from "@/lib/wiring";

export const dynamic = "force-dynamic";
// The token is a secret: no search engine, and no Referer carrying it elsewhere.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/**
 * Where an invite link lands. The link's state is read here, on the server
 *: an open invite names the person and asks for a password; a
 * used, expired or unknown one says so at once, with the way to sign in.
 */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = dictionaries[await requestLocale()];
  const invite: InviteState = getConfig().auth.mode === "accounts" ? await inviteState(await getDeps(), token) : { state: "gone" };
  return (
    <main className="grid min-h-dvh place-items-center px-4">
      <div className="w-full max-w-sm rounded-2xl bg-white p-6 shadow-lg ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        {invite.state === "open" ? (
          <>
            <h1 className="text-xl font-bold tracking-tight">{t.account.inviteTitle}</h1>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t.account.inviteHint}</p>
            <p className="mt-3 mb-5 text-sm font-medium break-words">{format(t.account.inviteJoiningAs, { name: invite.name })}</p>
            <InviteForm t={t} token={token} name={invite.name} />
          </>
        ) : (
          <CannotUse t={t} state={invite.state} />
        )}
      </div>
    </main>
  );
}

function CannotUse({ t, state }: { t: Dictionary; state: "used" | "expired" | "gone" }) {
  const title = { used: t.account.inviteUsedTitle, expired: t.account.inviteExpiredTitle, gone: t.account.inviteGoneTitle }[state];
  const body = {
    used: t.account.inviteUsedBody,
    expired: format(t.account.inviteExpiredBody, { days: Math.round(INVITE_TTL_MS / 86_400_000) }),
    gone: t.account.inviteGone,
  }[state];
  return (
    <>
      <h1 className="text-xl font-bold tracking-tight">{title}</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{body}</p>
      <a
        href="/sign-in"
        className="mt-5 inline-flex rounded-lg bg-zinc-900 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-zinc-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 focus-visible:ring-offset-2 dark:bg-amber-400 dark:text-zinc-950 dark:hover:bg-amber-300 dark:focus-visible:ring-offset-zinc-900"
      >
        {t.account.inviteSignIn}
      </a>
    </>
  );
}
