"use client";
import { useEffect, useRef, useState } from "react";
import dynamic from "next/dynamic";
import useSWR from "swr";
import { AccountMenu } from "@/components/account/account-menu";
import { ApiError, accountApi } from "@/lib/client/api";
import { formatMoney } from "@/lib/client/money";
import { mountOptions, useSeededFromServer } from "@/lib/client/seeded";
import { format } from "@/lib/i18n/format";
import { useStudio } from "./studio-context";

// Its password rules bring zod: loaded when someone asks to change a password, not with the page.
const ChangePasswordDialog = dynamic(() => import("@/components/account/change-password-dialog").then((m) => m.ChangePasswordDialog), { ssr: false });
const EndSessionsDialog = dynamic(() => import("@/components/account/end-sessions-dialog").then((m) => m.EndSessionsDialog), { ssr: false });

const SESSION_URL = "/api/session";
const SIGN_IN_MODES: readonly string[] = ["password", "accounts", "oidc"];

/**
 * Who is signed in, what is left today (and this month, under a budget), the
 * account menu, and sign-out where there is a session to end. The chips keep
 * their place while the session loads, so the header does not jump.
 */
export function Account() {
  const { t, locale, auth, user, role, feed, initial } = useStudio();
  const [changing, setChanging] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const signsIn = SIGN_IN_MODES.includes(auth);
  const seeded = useSeededFromServer(SESSION_URL, true);
  const { data, mutate } = useSWR(SESSION_URL, accountApi.session, {
    // As the server read it for this page: the chips are there in the first paint.
    fallbackData: initial.session,
    ...mountOptions(seeded),
    refreshInterval: feed.activeCount > 0 ? 5_000 : 30_000,
    onError(error) {
      // Signed out elsewhere ("sign out everywhere") or disabled by an admin: the sign-in page says which.
      if (!signsIn || !(error instanceof ApiError)) return;
      /* eslint-disable @next/next/no-location-assign-relative-destination -- a full page load on purpose: the session changed, so every client cache and the server-read first paint start over */
      if (error.status === 403) window.location.assign("/sign-in?error=disabled");
      else if (error.status === 401) window.location.assign("/sign-in");
      /* eslint-enable @next/next/no-location-assign-relative-destination */
    },
  });
  // A picture started or finished: what is left changed (not at mount: the server just read it).
  const counted = useRef(feed.activeCount);
  useEffect(() => {
    if (counted.current === feed.activeCount) return;
    counted.current = feed.activeCount;
    void mutate();
  }, [feed.activeCount, mutate]);
  const limits = data?.limits;
  const left = limits ? Math.max(0, limits.daily - limits.usedToday) : undefined;
  const money = (amount: number) => formatMoney(amount, limits?.currency ?? "USD", locale);

  async function signOut(everywhere: boolean, endTokens = true) {
    await accountApi.signOut(everywhere, endTokens).catch(() => undefined);
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full page load on purpose: the session changed, so every client cache and the server-read first paint start over
    window.location.assign("/sign-in");
  }

  const signedInAs = format(t.auth.signedInAs, { user });
  // On a phone the chip may wrap its words rather than push the header into a third row.
  const chip = "w-fit bg-zinc-200/70 px-2 py-0.5 leading-tight tabular-nums sm:whitespace-nowrap dark:bg-zinc-800";
  return (
    // On a phone (below sm) the header places these pieces itself (its two rows): who is
    // signed in, and Sign out, are then items of the account menu.
    <div className="contents text-xs text-zinc-600 sm:flex sm:flex-wrap sm:items-center sm:gap-2 xl:flex-nowrap dark:text-zinc-400">
      {auth !== "none" && <span className="font-medium whitespace-nowrap text-zinc-800 max-sm:hidden dark:text-zinc-200">{signedInAs}</span>}
      <div className="max-sm:order-4 max-sm:min-w-0 max-sm:flex-1">
        {limits && left !== undefined ? (
          // Under a budget the month goes on a second line of the same box: the header's height stays.
          <span className={`${chip} flex flex-col ${limits.monthlyBudget !== null ? "rounded-lg" : "rounded-full"}`}>
            <span data-testid="allowance">{format(t.auth.leftToday, { left, daily: limits.daily })}</span>
            {limits.monthlyBudget !== null && (
              <span data-testid="budget">
                {format(t.account.leftThisMonth, { left: money(Math.max(0, limits.monthlyBudget - limits.spentThisMonth)), budget: money(limits.monthlyBudget) })}
              </span>
            )}
          </span>
        ) : (
          // The same box, empty, until the session answers.
          <span aria-hidden className={`${chip} invisible block rounded-full`}>
            {format(t.auth.leftToday, { left: "00", daily: "00" })}
          </span>
        )}
      </div>
      <div className="max-sm:order-2">
        <AccountMenu
          t={t}
          user={user}
          isAdmin={(data?.role ?? role) === "admin"}
          canChangePassword={auth === "accounts"}
          canSignOutEverywhere={signsIn}
          onChangePassword={() => setChanging(true)}
          onSignOutEverywhere={() => setLeaving(true)}
          narrowExtras={{ signedInAs: auth !== "none" ? signedInAs : null, onSignOut: signsIn ? () => void signOut(false) : null }}
        />
      </div>
      {signsIn && (
        <button type="button" onClick={() => void signOut(false)} className="rounded-md px-2 py-1 font-medium max-sm:hidden hover:bg-zinc-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:hover:bg-zinc-800">
          {t.auth.signOut}
        </button>
      )}
      {changing && <ChangePasswordDialog t={t} onClose={() => setChanging(false)} />}
      {leaving && (
        // Sign out everywhere asks first, offering to revoke the person's API tokens too.
        <EndSessionsDialog
          t={t}
          title={t.account.signOutEverywhereTitle}
          body={t.account.signOutEverywhereBody}
          tokensLabel={t.account.endMyTokens}
          tokensHint={t.account.endMyTokensHint}
          confirmLabel={t.account.signOutEverywhere}
          onConfirm={(endTokens) => signOut(true, endTokens)}
          onCancel={() => setLeaving(false)}
        />
      )}
    </div>
  );
}
