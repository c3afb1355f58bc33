"use client";
import { useState } from "react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import useSWR, { useSWRConfig } from "swr";
import type { Generation } from "@/lib/contract";
import { api, ApiError, listUrl } from "@/lib/client/api";
import { useStudio } from "@/components/studio/studio-context";
import { useComposer } from "@/components/composer/composer-api";
import { AddToBoardMenu } from "@/components/boards/add-to-board-menu";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { NewVersionActions } from "@/components/versions/new-version-actions";
import { TemplateIcon } from "@/components/templates-page/template-icon";
import { generationKey } from "@/components/versions/viewer-edits";
import { DownloadIcon, ReferenceIcon, RemixIcon, ShareIcon, StackIcon, StarIcon, TrashIcon } from "@/components/ui/icons";
import { errorText, openButtonId, withParam } from "@/lib/client/format";
import { useToggleFavorite } from "./use-favorite";

const SECONDARY =
  "inline-flex min-w-0 items-center justify-center gap-2 rounded-xl px-2.5 py-2.5 text-sm font-medium whitespace-nowrap ring-1 transition focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500";
const NEUTRAL = `${SECONDARY} text-zinc-800 ring-zinc-200 hover:bg-zinc-50 dark:text-zinc-100 dark:ring-zinc-700 dark:hover:bg-zinc-800`;

// The share dialog (expiry, the link shown once, existing links) comes when someone shares.
const ShareDialog = dynamic(() => import("@/components/boards/share-dialog").then((m) => m.ShareDialog), { ssr: false });
// Save as template's form, likewise when someone asks for it.
const SavePictureDialog = dynamic(() => import("@/components/templates-page/save-picture-dialog").then((m) => m.SavePictureDialog), { ssr: false });

/**
 * Download, favorite, remix, use as reference (where the page has a composer),
 * add to a board, share, save as template (anyone who sees it), show the other
 * pictures of its request, delete (own pictures, after confirmation); Vary and
 * Render larger make a new version.
 */
export function LightboxActions(props: {
  generation: Generation;
  onClose(options?: { restoreFocus?: boolean }): void;
  onDeleted(id: string): void;
}) {
  const { t, locale, user, role, feed, hasComposer, board, batch, setBatch } = useStudio();
  const composer = useComposer();
  const router = useRouter();
  const g = props.generation;
  const L = t.gallery.lightbox;
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [sharing, setSharing] = useState(false);
  const [savingTemplate, setSavingTemplate] = useState(false);
  const batchSize = useBatchSize(g);
  const toggleFavorite = useToggleFavorite(setError);
  const { mutate } = useSWRConfig();
  // A version the gallery's pages do not hold (one card per tree) is the viewer's own read of it: changed there too.
  const offList = !feed.items.some((x) => x.id === g.id);
  const [confirm, setConfirm] = useState<{ busy: boolean; error: string | null } | null>(null);

  async function remove() {
    setConfirm({ busy: true, error: null });
    try {
      await api.remove(g.id);
    } catch (e) {
      // Already gone (someone else deleted it): the outcome the person wanted.
      if (!(e instanceof ApiError && e.status === 404)) {
        setConfirm({ busy: false, error: errorText(e, t) });
        return;
      }
    }
    feed.removeLocal(g.id);
    setConfirm(null);
    props.onDeleted(g.id);
  }

  /**
   * Close first, so the page is no longer inert when the composer takes the
   * generation (it focuses its prompt and scrolls itself into view); until
   * then focus rests on the card without scrolling the page.
   */
  function handOff(action: (g: Generation) => Promise<void>) {
    props.onClose({ restoreFocus: false });
    setTimeout(() => {
      const pending = action(g);
      if (!document.activeElement || document.activeElement === document.body) {
        document.getElementById(openButtonId(g.id))?.focus({ preventScroll: true });
      }
      void pending.catch(() => undefined);
    }, 0);
  }

  function showBatch() {
    if (board) {
      // The batch as made, not only what is on this board: in the studio.
      router.push(`/?batch=${encodeURIComponent(g.batchId)}`);
      return;
    }
    // The batch's address takes the picture's (/p/<id> → /?batch=…), which closes the viewer; closing
    // first would go Back, and the batch would land on the entry Back leaves.
    setBatch(g.batchId);
  }

  return (
    <section className="flex flex-col gap-2">
      <a
        href={withParam(g.image!.url, "download=1")}
        download
        className="inline-flex items-center justify-center gap-2 rounded-xl bg-zinc-900 px-4 py-2.5 text-sm font-semibold text-white shadow-sm transition hover:bg-zinc-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 focus-visible:ring-offset-2 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200 dark:focus-visible:ring-offset-zinc-900"
      >
        <DownloadIcon className="size-4" />
        {L.download}
      </a>
      <div className="grid grid-cols-2 gap-2">
        {hasComposer && (
          <>
            <button type="button" onClick={() => handOff(composer.remix)} className={NEUTRAL}>
              <RemixIcon className="size-4" />
              {L.remix}
            </button>
            <button type="button" onClick={() => handOff(composer.useAsReference)} className={NEUTRAL}>
              <ReferenceIcon className="size-4" />
              {L.useAsReference}
            </button>
          </>
        )}
        <AddToBoardMenu
          ids={() => [g.id]}
          onDone={(message) => {
            setError(message.tone === "error" ? message.text : null);
            setInfo(message.tone === "error" ? null : message.text);
          }}
          placement="down"
          buttonClassName={`${NEUTRAL} w-full`}
        />
        {/* The server lets a picture's creator or an admin share it. */}
        {(g.createdBy === user || role === "admin") && (
          <button type="button" onClick={() => setSharing(true)} className={NEUTRAL}>
            <ShareIcon className="size-4" />
            {t.boards.share.button}
          </button>
        )}
        <button type="button" onClick={() => setSavingTemplate(true)} className={NEUTRAL}>
          <TemplateIcon className="size-4" />
          {t.templatesPage.fromPicture.button}
        </button>
        {batchSize > 1 && batch !== g.batchId && (
          <button type="button" onClick={showBatch} className={NEUTRAL}>
            <StackIcon className="size-4" />
            {t.boards.batch.show}
          </button>
        )}
        <button
          type="button"
          aria-pressed={g.favorite}
          onClick={async () => {
            setError(null);
            if (!offList) return void toggleFavorite(g);
            void mutate(generationKey(g.id), { ...g, favorite: !g.favorite }, { revalidate: false });
            await toggleFavorite(g);
            void mutate(generationKey(g.id));
          }}
          className={`${NEUTRAL} aria-pressed:bg-amber-50 aria-pressed:text-amber-900 aria-pressed:ring-amber-300 dark:aria-pressed:bg-amber-500/15 dark:aria-pressed:text-amber-200 dark:aria-pressed:ring-amber-500/40`}
        >
          <StarIcon filled={g.favorite} className={`size-4 ${g.favorite ? "text-amber-500" : ""}`} />
          {g.favorite ? L.unfavorite : L.favorite}
        </button>
        {(g.createdBy === user || role === "admin") && (
          <button
            type="button"
            onClick={() => setConfirm({ busy: false, error: null })}
            className={`${SECONDARY} text-rose-700 ring-rose-200 hover:bg-rose-50 dark:text-rose-300 dark:ring-rose-500/30 dark:hover:bg-rose-500/10`}
          >
            <TrashIcon className="size-4" />
            {L.delete}
          </button>
        )}
      </div>
      <NewVersionActions generation={g} />
      {error && (
        <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700 dark:bg-rose-500/10 dark:text-rose-300">
          {error}
        </p>
      )}
      <p role="status" className="text-sm font-medium text-emerald-700 empty:-mt-2 dark:text-emerald-400">
        {info ?? ""}
      </p>
      {sharing && <ShareDialog target={{ generationId: g.id }} title={g.prompt} onClose={() => setSharing(false)} />}
      {savingTemplate && <SavePictureDialog t={t} locale={locale} generation={g} onClose={() => setSavingTemplate(false)} />}
      {confirm && (
        <ConfirmDialog
          title={t.gallery.confirmDelete.title}
          body={t.gallery.confirmDelete.body}
          confirmLabel={t.gallery.confirmDelete.confirm}
          cancelLabel={t.gallery.confirmDelete.cancel}
          busyLabel={t.gallery.confirmDelete.deleting}
          busy={confirm.busy}
          error={confirm.error}
          onConfirm={remove}
          onCancel={() => setConfirm(null)}
        />
      )}
    </section>
  );
}

/**
 * How many pictures its request made, as far as we can tell: the loaded
 * gallery usually holds them all; otherwise (a filter, a board, paging) one
 * small read of the batch, remembered by SWR. An older row's batch is itself.
 */
function useBatchSize(g: Generation): number {
  const { feed } = useStudio();
  const loaded = feed.items.reduce((n, x) => n + (x.batchId === g.batchId ? 1 : 0), 0);
  const ask = loaded < 2 && g.batchId.startsWith("bat_");
  const { data } = useSWR(ask ? listUrl({ batch: g.batchId, limit: 2 }) : null, api.list, { revalidateOnFocus: false });
  return Math.max(loaded, data?.items.length ?? 0);
}
