"use client";
import { useId, useRef, useState } from "react";
import useSWR from "swr";
import type { CreatedShare, Share, SharePreview } from "@/lib/contract";
import { sharesApi, type ShareTarget } from "@/lib/client/api";
import { format } from "@/lib/i18n/format";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { RadioSegments } from "@/components/ui/radio-segments";
import { useStudio } from "@/components/studio/studio-context";
import { errorText, formatDate, shortPrompt } from "@/lib/client/format";
import { CloseIcon, ShareIcon } from "@/components/ui/icons";
import { CreatedLink } from "./created-link";
import { PRIMARY_BUTTON, SECONDARY_BUTTON } from "./new-board-form";
import { RevokeLinkDialog } from "./revoke-link-dialog";
import { useSharePages } from "./use-share-pages";

const EXPIRIES = ["never", "1", "7", "30"] as const;
type Expiry = (typeof EXPIRIES)[number];

/**
 * A public link to a picture or a board: how long it works, the link itself
 * (shown this once: only its hash is kept), and the links already made to
 * the same thing, each revocable after a confirmation. The new
 * link is copied for you (see CreatedLink). For a board, before the link is made: how
 * many pictures by others it leaves out (a member's board link
 * shows only the pictures she made).
 */
export function ShareDialog(props: { target: ShareTarget; title: string; onClose(): void }) {
  const { t, locale, role } = useStudio();
  const S = t.boards.share;
  const createButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const expiryId = useId();

  const [expiry, setExpiry] = useState<Expiry>("7");
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedShare | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [revoking, setRevoking] = useState<Share | null>(null);
  const revokedOne = useRef(false);

  // The links to this picture or board: one's own, or everyone's for an admin (who manages others' boards).
  const target = "generationId" in props.target ? `generationId=${props.target.generationId}` : `boardId=${props.target.boardId}`;
  const shares = useSharePages(`${sharesApi.url}?${role === "admin" ? "all=1&" : ""}${target}`);
  const mine = shares.items ?? [];
  const boardId = "boardId" in props.target ? props.target.boardId : null;
  const preview = useSWR<SharePreview>(boardId && ["share-preview", boardId], () => sharesApi.preview(boardId!), { revalidateOnFocus: false });
  const hidden = preview.data?.hiddenPictures ?? 0;

  async function create() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const share = await sharesApi.create({ ...props.target, expiresInDays: expiry === "never" ? null : Number(expiry) });
      setCreated(share);
      void shares.refresh();
      void preview.mutate();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  function revoked(share: Share) {
    revokedOne.current = true;
    setRevoking(null);
    if (created?.id === share.id) setCreated(null);
    setStatus(S.revoked);
    void shares.refresh();
  }

  const label: Record<Expiry, string> = { never: S.never, "1": S.day1, "7": S.day7, "30": S.day30 };
  return (
    <ModalDialog size="wide" labelledBy={titleId} onClose={props.onClose} initialFocus={createButton}>
      <div className="flex items-start gap-3">
        <span aria-hidden className="grid size-10 shrink-0 place-items-center rounded-full bg-amber-100 text-amber-700 dark:bg-amber-500/15 dark:text-amber-300">
          <ShareIcon className="size-5" />
        </span>
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="text-base font-semibold break-words">
            {format(S.dialogTitle, { title: shortPrompt(props.title, 80) })}
          </h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{S.intro}</p>
        </div>
        <button
          type="button"
          onClick={props.onClose}
          aria-label={S.close}
          className="grid size-8 shrink-0 place-items-center rounded-full text-zinc-500 hover:bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:hover:bg-zinc-800"
        >
          <CloseIcon className="size-4" />
        </button>
      </div>

      <div className="flex flex-col gap-1.5">
        <span id={expiryId} className="text-sm font-medium">
          {S.expiryLabel}
        </span>
        <RadioSegments<Expiry> labelledBy={expiryId} value={expiry} onChange={setExpiry} options={EXPIRIES.map((value) => ({ value, content: label[value] }))} />
      </div>
      {hidden > 0 && !created && (
        <p className="rounded-lg bg-zinc-100 px-3 py-2 text-sm text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
          {hidden === 1 ? S.leavesOutOne : format(S.leavesOut, { count: hidden })}
        </p>
      )}
      <button ref={createButton} type="button" onClick={() => void create()} aria-disabled={busy} className={PRIMARY_BUTTON}>
        {busy ? S.creating : S.create}
      </button>

      {created && <CreatedLink share={created} />}
      {error && (
        <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700 dark:bg-rose-500/10 dark:text-rose-300">
          {error}
        </p>
      )}

      <section className="flex flex-col gap-2">
        <h3 className="text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">{S.existing}</h3>
        {shares.isLoading && !shares.items ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">{S.loading}</p>
        ) : mine.length === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">{S.none}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-zinc-200 rounded-xl ring-1 ring-zinc-200 dark:divide-zinc-800 dark:ring-zinc-800">
            {mine.map((share) => {
              const made = formatDate(share.createdAt, locale);
              // eslint-disable-next-line react-hooks/purity -- whether a link has expired is read at each render, on the browser's clock
              const expired = share.expiresAt !== null && Date.parse(share.expiresAt) <= Date.now();
              return (
                <li key={share.id} className="flex items-center gap-3 px-3 py-2 text-sm">
                  <div className="min-w-0 flex-1">
                    <p className={`font-medium ${expired ? "text-zinc-500 dark:text-zinc-400" : ""}`}>
                      {share.expiresAt === null
                        ? S.neverExpires
                        : format(expired ? S.expired : S.expires, { date: formatDate(share.expiresAt, locale) })}
                    </p>
                    <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{format(S.createdBy, { name: share.createdBy, date: made })}</p>
                  </div>
                  <button
                    type="button"
                    onClick={() => {
                      setError(null);
                      revokedOne.current = false;
                      setRevoking(share);
                    }}
                    aria-label={format(S.revokeNamed, { date: made })}
                    className="shrink-0 rounded-lg px-2.5 py-1.5 text-sm font-medium text-rose-700 ring-1 ring-rose-200 hover:bg-rose-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:text-rose-300 dark:ring-rose-500/30 dark:hover:bg-rose-500/10"
                  >
                    {S.revoke}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {shares.hasMore && (
          <button type="button" onClick={() => void shares.loadMore()} aria-disabled={shares.loadingMore} className={`${SECONDARY_BUTTON} self-start`}>
            {shares.loadingMore ? S.loading : S.moreLinks}
          </button>
        )}
        <p role="status" className="text-xs text-zinc-600 empty:-mt-2 dark:text-zinc-400">
          {status}
        </p>
      </section>

      <div className="flex justify-end">
        <button type="button" onClick={props.onClose} className={SECONDARY_BUTTON}>
          {S.done}
        </button>
      </div>
      {revoking && (
        <RevokeLinkDialog
          t={t}
          locale={locale}
          share={revoking}
          onRevoked={revoked}
          onCancel={() => setRevoking(null)}
          // Kept: back to its Revoke button; revoked: that button goes, so to Create link.
          returnFocus={() => (revokedOne.current ? createButton.current : null)}
        />
      )}
    </ModalDialog>
  );
}
