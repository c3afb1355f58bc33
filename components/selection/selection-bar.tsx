"use client";
import { useId, useRef, useState } from "react";
import type { Generation } from "@/lib/contract";
import { MAX_BULK_IDS } from "@/lib/contract-values";
import { api, ApiError, boardsApi } from "@/lib/client/api";
import { downloadZip } from "@/lib/client/download-zip";
import { runLimited } from "@/lib/client/run-limited";
import { neighbourOutside, zipPart } from "@/lib/client/selection";
import { useBoards } from "@/lib/client/use-boards";
import { format } from "@/lib/i18n/format";
import { useStudio } from "@/components/studio/studio-context";
import { AddToBoardMenu } from "@/components/boards/add-to-board-menu";
import { chunks } from "@/components/boards/use-add-to-board";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAnnounce } from "@/components/ui/gallery-status";
import { errorText, openButtonId } from "@/lib/client/format";
import { CloseIcon, DownloadIcon, MinusIcon, StarIcon, TrashIcon } from "@/components/ui/icons";
import { useSelection } from "./selection-context";
import { useSelectMatching } from "./use-select-matching";

// On a phone the less common actions show their icon only (the words stay their names): the bar keeps to two rows.
const PHONE_HIDDEN = "max-sm:sr-only";

/** Requests in flight at once for a bulk delete or favorite. */
const AT_ONCE = 4;

const BUTTON =
  "inline-flex h-9 items-center gap-1.5 rounded-xl px-2.5 text-sm font-medium whitespace-nowrap text-white hover:bg-white/10 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-400 aria-disabled:opacity-50 disabled:opacity-50 disabled:hover:bg-transparent";

/**
 * What can be done with the selected pictures, at the bottom of the window:
 * add to a board, take off this board, star, download as one ZIP, delete
 * (one's own, or anyone's for an admin, after one confirmation). After
 * "Select all" with more to load, "Select all N matching": then
 * the selection holds pictures the gallery has not loaded, and every action
 * works on all of them, in requests of the sizes each endpoint takes.
 */
export function SelectionBar() {
  const { t, user, role, board, feed, filters } = useStudio();
  const selection = useSelection();
  const announce = useAnnounce();
  const { refresh: refreshBoards } = useBoards();
  const S = t.boards.selection;
  const [confirming, setConfirming] = useState<{ busy: boolean; error: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const ownOnlyId = useId();

  const ids = selection.ids();
  const count = ids.length;
  const byId = new Map(feed.items.map((g) => [g.id, g]));
  const picked = ids.map((id) => byId.get(id)).filter((g): g is Generation => g !== undefined);
  // Who may delete what: only their own pictures, unless an admin (or all are theirs by the filter).
  const ownOnlyRule = role !== "admin" && !filters.mine;
  const matching = useSelectMatching({ hasMore: feed.hasMore, ownOnly: ownOnlyRule });
  const ownLoaded = picked.filter((g) => g.createdBy === user).length;
  // Not loaded (selected as all matching): theirs if the server said so.
  const ownElsewhere = ids.filter((id) => !byId.has(id) && (!ownOnlyRule || matching.ownIds?.has(id))).length;
  const own = ownLoaded + ownElsewhere;
  // The server decides (creator or admin); the button only offers what it would allow.
  const mayDelete = role === "admin" || own === count;
  const ownOnly = format(S.deleteOwnOnly, { own, total: count });
  const zip = zipPart(ids, MAX_BULK_IDS);

  const failureText = (template: string, failures: { error: unknown }[], total: number) =>
    format(template, { failed: failures.length, total, reason: errorText(failures[0].error, t) });

  async function favoriteAll() {
    // Not loaded: whether it is starred is not known here; starring again changes nothing.
    const todo = ids.filter((id) => !byId.get(id)?.favorite);
    setBusy(true);
    const failures = await runLimited(todo, AT_ONCE, async (id) => {
      feed.replace(await api.setFavorite(id, true));
    });
    setBusy(false);
    if (failures.length > 0) announce({ text: failureText(S.favoriteFailed, failures, todo.length), tone: "error" });
    else announce({ text: format(S.favorited, { count }) });
  }

  async function removeFromBoard() {
    if (!board) return;
    setBusy(true);
    try {
      let changed = 0;
      for (const part of chunks(ids, MAX_BULK_IDS)) changed += (await boardsApi.removeItems(board.id, part)).changed;
      // Off the board, out of its page.
      for (const id of ids) feed.removeLocal(id);
      void refreshBoards();
      const B = t.boards;
      announce({ text: changed === 1 ? format(B.removedOne, { board: board.name }) : format(B.removed, { count: changed, board: board.name }) });
    } catch (e) {
      announce({ text: format(t.boards.actionFailed, { message: errorText(e, t) }), tone: "error" });
    } finally {
      setBusy(false);
    }
  }

  async function downloadAll() {
    setBusy(true);
    try {
      // A ZIP names at most MAX_BULK_IDS pictures: a bigger selection gets its first ones, and is told so.
      await downloadZip(zip.ids);
      announce({ text: zip.cut ? format(S.downloadingFirst, { max: MAX_BULK_IDS, count }) : format(S.downloading, { count }) });
    } catch (e) {
      announce({ text: format(S.downloadFailed, { message: errorText(e, t) }), tone: "error" });
    } finally {
      setBusy(false);
    }
  }

  async function selectAllMatching() {
    try {
      const selected = await matching.take();
      if (selected > 0) announce({ text: format(S.selectedMatching, { count: selected }) });
    } catch (e) {
      announce({ text: format(S.selectMatchingFailed, { message: errorText(e, t) }), tone: "error" });
    }
  }

  // The bar (and its Delete button) goes with the deleted selection: focus
  // moves to the picture that followed the first deleted one, else the one before.
  const focusAfterDelete = useRef<string | null>(null);
  async function deleteAll() {
    const openable = feed.items.filter((g) => g.status === "completed" && g.image).map((g) => g.id);
    focusAfterDelete.current = neighbourOutside(openable, new Set(ids));
    setConfirming({ busy: true, error: null });
    const failures = await runLimited(ids, AT_ONCE, async (id) => {
      await api.remove(id).catch((e: unknown) => {
        // Already gone (someone else deleted it): the outcome the person wanted.
        if (!(e instanceof ApiError && e.status === 404)) throw e;
      });
      feed.removeLocal(id);
    });
    // Deleted ones the gallery never loaded leave the selection too; failed ones stay selected.
    const failed = new Set(failures.map((f) => f.item));
    selection.forget(ids.filter((id) => !failed.has(id)));
    void refreshBoards();
    setConfirming(null);
    if (failures.length > 0) announce({ text: failureText(S.deleteFailed, failures, ids.length), tone: "error" });
    else announce({ text: format(S.deleted, { count: ids.length }) });
  }

  return (
    <div className="fixed inset-x-0 bottom-0 z-40 px-2 pb-[max(0.5rem,env(safe-area-inset-bottom))] sm:px-4 sm:pb-4">
      <div
        role="toolbar"
        aria-label={S.toolbar}
        aria-busy={busy || undefined}
        className="mx-auto flex max-w-5xl flex-wrap items-center gap-1 rounded-2xl bg-zinc-900/95 p-1.5 text-white shadow-2xl ring-1 ring-white/10 backdrop-blur-md sm:flex-nowrap dark:bg-zinc-800/95"
      >
        <button type="button" onClick={selection.clear} aria-label={S.clear} title={S.clear} className={`${BUTTON} w-9 justify-center px-0`}>
          <CloseIcon className="size-4" />
        </button>
        <span className="px-1 text-sm font-semibold tabular-nums" aria-live="polite">
          {format(S.count, { count })}
        </span>
        <button type="button" onClick={selection.selectAll} disabled={count >= selection.order.length} className={BUTTON}>
          {S.selectAll}
        </button>
        {matching.offer && (
          <button type="button" onClick={() => void selectAllMatching()} disabled={matching.busy} className={BUTTON}>
            {matching.busy
              ? S.selectingMatching
              : matching.offer.count < matching.offer.total
                ? format(S.selectMatchingNewest, matching.offer)
                : format(S.selectMatching, matching.offer)}
          </button>
        )}
        <span className="hidden flex-1 sm:block" />
        <div className="flex w-full flex-wrap items-center gap-1 sm:w-auto sm:flex-nowrap">
          <AddToBoardMenu ids={selection.ids} onDone={announce} placement="up" buttonClassName={BUTTON} />
          {board && (
            <button type="button" onClick={() => void removeFromBoard()} disabled={busy} title={S.removeFromBoard} className={BUTTON}>
              <MinusIcon className="size-4" />
              <span className={PHONE_HIDDEN}>{S.removeFromBoard}</span>
            </button>
          )}
          <button type="button" onClick={() => void favoriteAll()} disabled={busy} title={S.favorite} className={BUTTON}>
            <StarIcon className="size-4" />
            <span className={PHONE_HIDDEN}>{S.favorite}</span>
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => void downloadAll()}
            title={zip.cut ? format(S.downloadFirstTitle, { max: MAX_BULK_IDS, count }) : S.download}
            className={BUTTON}
          >
            <DownloadIcon className="size-4" />
            <span className={PHONE_HIDDEN}>{zip.cut ? format(S.downloadFirst, { max: MAX_BULK_IDS }) : S.download}</span>
          </button>
          <button
            type="button"
            aria-disabled={!mayDelete || undefined}
            aria-describedby={mayDelete ? undefined : ownOnlyId}
            title={mayDelete ? S.delete : ownOnly}
            onClick={() => (mayDelete ? setConfirming({ busy: false, error: null }) : announce({ text: ownOnly, tone: "error" }))}
            className={`${BUTTON} text-rose-300 hover:text-rose-200`}
          >
            <TrashIcon className="size-4" />
            <span className={PHONE_HIDDEN}>{S.delete}</span>
          </button>
          {!mayDelete && (
            <span id={ownOnlyId} className="sr-only">
              {ownOnly}
            </span>
          )}
        </div>
      </div>
      {confirming && (
        <ConfirmDialog
          title={count === 1 ? S.confirmTitleOne : format(S.confirmTitle, { count })}
          body={S.confirmBody}
          confirmLabel={format(S.confirm, { count })}
          cancelLabel={S.cancel}
          busyLabel={S.deleting}
          busy={confirming.busy}
          error={confirming.error}
          onConfirm={() => void deleteAll()}
          onCancel={() => setConfirming(null)}
          returnFocus={() => {
            const target = focusAfterDelete.current;
            focusAfterDelete.current = null;
            return target ? document.getElementById(openButtonId(target)) : null;
          }}
        />
      )}
    </div>
  );
}
