"use client";
import useSWR from "swr";
import { sessionInfoSchema } from "@/lib/contract";
import { format } from "@/lib/i18n";
import { useStudio } from "./studio-context";

const fetchSession = async (url: string) => sessionInfoSchema.parse(await (await fetch(url)).json());

/** Who is signed in, today's allowance, and sign-out where there is a session to end. */
export function Account() {
  const { t, auth, user, feed } = useStudio();
  const { data } = useSWR("/api/session", fetchSession, { refreshInterval: feed.activeCount > 0 ? 5_000 : 30_000 });
  const left = data ? Math.max(0, data.limits.daily - data.limits.usedToday) : undefined;

  async function signOut() {
    await fetch("/api/session", { method: "DELETE" });
    window.location.assign("/sign-in");
  }

  return (
    <div className="flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
      {auth !== "none" && <span className="font-medium text-zinc-800 dark:text-zinc-200">{format(t.auth.signedInAs, { user })}</span>}
      {data && left !== undefined && (
        <span data-testid="allowance" className="rounded-full bg-zinc-200/70 px-2 py-0.5 tabular-nums dark:bg-zinc-800">
          {format(t.auth.leftToday, { left, daily: data.limits.daily })}
        </span>
      )}
      {auth === "password" && (
        <button type="button" onClick={signOut} className="rounded-md px-2 py-1 font-medium hover:bg-zinc-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:hover:bg-zinc-800">
          {t.auth.signOut}
        </button>
      )}
    </div>
  );
}
