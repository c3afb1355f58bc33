"use client";
import { useRef, useState } from "react";
import type { Share } from "@/lib/contract";
import { sharesApi } from "@/lib/client/api";
import type { Dictionary, Locale } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import { alert, button, section } from "@/components/ui/styles";
import { errorText, formatDate, shortPrompt } from "@/lib/client/format";
import { RevokeLinkDialog } from "./revoke-link-dialog";
import { useSharePages } from "./use-share-pages";

/**
 * /links: every live link that shows a picture the person made,
 * whoever made it (a link to one of their pictures; a link to a board holding
 * one, made by themselves or an admin), each with Revoke, which asks first
 *. The API lets them revoke exactly these (GET /api/shares?showing=mine).
 */
export function LinksPage(props: { t: Dictionary; locale: Locale }) {
  const { t, locale } = props;
  const L = t.boards.links;
  const links = useSharePages(`${sharesApi.url}?showing=mine`);
  const [status, setStatus] = useState("");
  const [revoking, setRevoking] = useState<Share | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const revokedOne = useRef(false);

  function revoked() {
    revokedOne.current = true;
    setRevoking(null);
    setStatus(L.revoked);
    void links.refresh();
  }

  return (
    <section aria-labelledby="links-heading" className={`${section} flex flex-col gap-3`}>
      <h2 ref={heading} id="links-heading" tabIndex={-1} className="text-base font-semibold outline-none">
        {L.heading}
      </h2>
      {links.error && !links.items ? (
        <p role="alert" className={alert}>
          {L.loadFailed} {errorText(links.error, t)}
        </p>
      ) : !links.items ? (
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          {L.loading}
        </p>
      ) : links.items.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{L.none}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-zinc-200 dark:divide-zinc-800">
          {links.items.map((share) => {
            const title = shortPrompt(share.title, 80);
            return (
              <li key={share.id} className="flex items-center gap-3 py-2 text-sm">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium">
                    <span className="mr-2 rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400">
                      {share.kind === "board" ? L.board : L.picture}
                    </span>
                    {title}
                  </p>
                  <p className="truncate text-xs text-zinc-600 dark:text-zinc-400">
                    {format(L.madeBy, { name: share.createdBy, date: formatDate(share.createdAt, locale) })}
                    {share.expiresAt && ` · ${format(t.boards.share.expires, { date: formatDate(share.expiresAt, locale) })}`}
                  </p>
                </div>
                <button
                  type="button"
                  onClick={() => {
                    revokedOne.current = false;
                    setRevoking(share);
                  }}
                  aria-label={format(L.revokeNamed, { title, name: share.createdBy })}
                  className="shrink-0 rounded-lg px-2.5 py-1.5 text-sm font-medium text-rose-700 ring-1 ring-rose-200 hover:bg-rose-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:text-rose-300 dark:ring-rose-500/30 dark:hover:bg-rose-500/10"
                >
                  {L.revoke}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {links.hasMore && (
        <button type="button" onClick={() => void links.loadMore()} aria-disabled={links.loadingMore} className={`${button} self-start`}>
          {links.loadingMore ? L.loading : L.more}
        </button>
      )}
      <p role="status" className="text-xs text-zinc-600 empty:hidden dark:text-zinc-400">
        {status}
      </p>
      {revoking && (
        <RevokeLinkDialog
          t={t}
          locale={locale}
          share={revoking}
          onRevoked={revoked}
          onCancel={() => setRevoking(null)}
          // Revoked: its row and button go, so focus lands on the list's heading.
          returnFocus={() => (revokedOne.current ? heading.current : null)}
        />
      )}
    </section>
  );
}
