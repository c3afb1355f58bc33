"use client";
import { useEffect, useId, useRef, useState } from "react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { BoardVisibility } from "@/lib/contract";
import { MAX_BOARD_NAME } from "@/lib/contract-values";
import { boardsApi } from "@/lib/client/api";
import { useBoards } from "@/lib/client/use-boards";
import { format } from "@/lib/i18n/format";
import { RadioSegments } from "@/components/ui/radio-segments";
import { useStudio } from "@/components/studio/studio-context";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorText } from "@/lib/client/format";
import { ArrowLeftIcon, LockIcon, ShareIcon, TrashIcon, UserIcon } from "@/components/ui/icons";
import { PRIMARY_BUTTON, SECONDARY_BUTTON } from "./new-board-form";

const ShareDialog = dynamic(() => import("./share-dialog").then((m) => m.ShareDialog), { ssr: false });

const SMALL = "inline-flex h-9 items-center gap-1.5 rounded-xl px-3 text-sm font-medium whitespace-nowrap ring-1 transition focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500";
const NEUTRAL = `${SMALL} bg-white text-zinc-800 ring-zinc-200 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-800 dark:hover:bg-zinc-800`;

/** The board's name, who made it and who sees it; for its owner or an admin: rename, team/private, share, delete. */
export function BoardHeader() {
  const { t, board } = useStudio();
  const { refresh } = useBoards();
  const router = useRouter();
  const P = t.boards.page;
  const [renaming, setRenaming] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [deleting, setDeleting] = useState<{ busy: boolean; error: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const visibilityId = useId();
  if (!board) return null;

  async function setVisibility(visibility: BoardVisibility) {
    if (!board || visibility === board.visibility) return;
    setError(null);
    try {
      await boardsApi.update(board.id, { visibility });
      await refresh();
    } catch (e) {
      setError(errorText(e, t));
    }
  }

  async function remove() {
    if (!board) return;
    setDeleting({ busy: true, error: null });
    try {
      await boardsApi.remove(board.id);
      void refresh();
      router.push("/");
    } catch (e) {
      setDeleting({ busy: false, error: errorText(e, t) });
    }
  }

  return (
    <header className="flex flex-col gap-3">
      {/* No prefetch: the studio's answer is no-store, and a page whose script fetched one is kept out of the back/forward cache. */}
      <Link
        href="/"
        prefetch={false}
        className="inline-flex w-fit items-center gap-1.5 rounded-lg py-1 text-sm font-medium text-zinc-600 hover:text-zinc-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        <ArrowLeftIcon className="size-4" />
        {P.back}
      </Link>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          {renaming ? (
            <RenameForm onDone={() => setRenaming(false)} />
          ) : (
            <h2 className="text-2xl font-bold tracking-tight break-words">{board.name}</h2>
          )}
          <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
            <span className="inline-flex items-center gap-1">
              {board.visibility === "private" ? <LockIcon className="size-3.5" /> : <UserIcon className="size-3.5" />}
              {board.visibility === "private" ? P.private : P.team}
            </span>
            <span>{format(P.by, { owner: board.owner })}</span>
            <span className="tabular-nums">{board.count === 1 ? t.boards.bar.picturesOne : format(t.boards.bar.pictures, { count: board.count })}</span>
          </p>
        </div>
        {board.canManage && (
          <div role="group" aria-label={P.manage} className="flex flex-wrap items-center gap-2">
            <span id={visibilityId} className="sr-only">
              {P.visibilityLabel}
            </span>
            <RadioSegments<BoardVisibility>
              labelledBy={visibilityId}
              value={board.visibility}
              onChange={(v) => void setVisibility(v)}
              className="w-56"
              options={[
                { value: "team", label: t.boards.newBoard.team, content: <><UserIcon className="size-4" />{t.boards.newBoard.team}</> },
                { value: "private", label: t.boards.newBoard.private, content: <><LockIcon className="size-4" />{t.boards.newBoard.private}</> },
              ]}
            />
            {!renaming && (
              <button type="button" onClick={() => setRenaming(true)} className={NEUTRAL}>
                {P.rename}
              </button>
            )}
            <button type="button" onClick={() => setSharing(true)} className={NEUTRAL}>
              <ShareIcon className="size-4" />
              {P.share}
            </button>
            <button
              type="button"
              onClick={() => setDeleting({ busy: false, error: null })}
              className={`${SMALL} text-rose-700 ring-rose-200 hover:bg-rose-50 dark:text-rose-300 dark:ring-rose-500/30 dark:hover:bg-rose-500/10`}
            >
              <TrashIcon className="size-4" />
              {P.delete}
            </button>
          </div>
        )}
      </div>
      {error && (
        <p role="alert" className="rounded-xl bg-rose-50 px-4 py-2.5 text-sm text-rose-700 ring-1 ring-rose-200 dark:bg-rose-500/10 dark:text-rose-300 dark:ring-rose-500/30">
          {error}
        </p>
      )}
      {sharing && <ShareDialog target={{ boardId: board.id }} title={board.name} onClose={() => setSharing(false)} />}
      {deleting && (
        <ConfirmDialog
          title={format(P.deleteTitle, { board: board.name })}
          body={P.deleteBody}
          confirmLabel={P.deleteConfirm}
          cancelLabel={P.deleteCancel}
          busyLabel={P.deleting}
          busy={deleting.busy}
          error={deleting.error}
          onConfirm={() => void remove()}
          onCancel={() => setDeleting(null)}
        />
      )}
    </header>
  );
}

/** The board's new name in place of its title; Esc or Cancel keeps the old one. */
function RenameForm({ onDone }: { onDone(): void }) {
  const { t, board } = useStudio();
  const { refresh } = useBoards();
  const P = t.boards.page;
  const [name, setName] = useState(board?.name ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const counterId = useId();
  const length = name.trim().length;
  useEffect(() => input.current?.select(), []);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!board || busy) return;
    if (!name.trim()) return setError(t.boards.newBoard.nameRequired);
    setBusy(true);
    setError(null);
    try {
      await boardsApi.update(board.id, { name: name.trim() });
      await refresh();
      onDone();
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  }

  return (
    <form
      aria-label={P.rename}
      noValidate
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onDone();
        }
      }}
      className="flex flex-col gap-1.5"
    >
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={inputId} className="text-sm font-medium">
          {P.renameLabel}
        </label>
        <span id={counterId} className={`text-xs tabular-nums ${length > MAX_BOARD_NAME ? "font-semibold text-rose-600 dark:text-rose-400" : "text-zinc-500 dark:text-zinc-400"}`}>
          {format(t.boards.newBoard.counter, { used: length, max: MAX_BOARD_NAME })}
        </span>
      </div>
      <div className="flex flex-wrap gap-2">
        <input
          ref={input}
          id={inputId}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-describedby={counterId}
          aria-invalid={length > MAX_BOARD_NAME || Boolean(error) || undefined}
          autoComplete="off"
          className="h-10 w-full min-w-0 rounded-xl border border-zinc-300 bg-white px-3 text-lg font-semibold shadow-sm focus:border-amber-400 focus:ring-2 focus:ring-amber-500/30 focus:outline-none sm:w-96 dark:border-zinc-700 dark:bg-zinc-950"
        />
        <button type="submit" aria-disabled={busy} className={PRIMARY_BUTTON}>
          {busy ? P.saving : P.save}
        </button>
        <button type="button" onClick={onDone} className={SECONDARY_BUTTON}>
          {P.cancel}
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
    </form>
  );
}
