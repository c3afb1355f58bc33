"use client";
import { useId, useRef, useState } from "react";
import dynamic from "next/dynamic";
import Link from "next/link";
import type { Board } from "@/lib/contract";
import { useBoards } from "@/lib/client/use-boards";
import { format } from "@/lib/i18n/format";
import { useStudio } from "@/components/studio/studio-context";
import { useAnnounce } from "@/components/ui/gallery-status";
import { errorText } from "@/lib/client/format";
import { LockIcon, PlusIcon, StackIcon } from "@/components/ui/icons";
import { carriesPictures, droppedPictures } from "./drag";
import { useAddToBoard } from "./use-add-to-board";

// Its form, its checks and its radio group come when someone makes a board, not with the page.
const NewBoardForm = dynamic(() => import("./new-board-form").then((m) => m.NewBoardForm), { ssr: false });

const CHIP =
  "flex h-10 shrink-0 items-center gap-2 rounded-xl border px-2 text-sm font-medium whitespace-nowrap shadow-sm transition focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500";
const IDLE = "border-zinc-200 bg-white text-zinc-700 hover:bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800";
const CURRENT = "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-500/40 dark:bg-amber-500/15 dark:text-amber-100";
const DROP = "border-amber-500 bg-amber-100 text-amber-950 ring-2 ring-amber-500 dark:bg-amber-500/30 dark:text-amber-50";

/**
 * "All pictures", the boards the person may see (cover, count, a lock when
 * private) and "+ New board", in one row that scrolls sideways on a phone. A
 * board chip opens the board; dropping dragged pictures on it adds them.
 * The boards come a page at a time: the first with the page, the next ones
 * from "More boards" at the row's end.
 * The row has its height before the boards arrive, so nothing below moves.
 */
export function BoardBar() {
  const { t, board: current, batch } = useStudio();
  const { boards, error, hasMore, loadingMore, loadMore } = useBoards();
  const announce = useAnnounce();
  const [creating, setCreating] = useState(false);
  const newButton = useRef<HTMLButtonElement>(null);
  const B = t.boards.bar;

  const closeForm = () => {
    setCreating(false);
    requestAnimationFrame(() => newButton.current?.focus());
  };

  return (
    <nav aria-label={B.label} className="relative -mx-1 flex items-center gap-2">
      <ul className="flex min-w-0 flex-1 items-center gap-2 overflow-x-auto overscroll-x-contain px-1 py-1 [scrollbar-width:thin]">
        <li className="shrink-0">
          <Link
            href="/"
            prefetch={false}
            aria-current={!current && !batch ? "page" : undefined}
            className={`${CHIP} px-3 ${!current && !batch ? CURRENT : IDLE}`}
          >
            <StackIcon className="size-4" />
            {B.all}
          </Link>
        </li>
        {boards?.map((board) => (
          <li key={board.id} className="shrink-0">
            <BoardChip board={board} current={current?.id === board.id} />
          </li>
        ))}
        {hasMore && (
          <li className="shrink-0">
            <button type="button" onClick={() => void loadMore()} aria-disabled={loadingMore} className={`${CHIP} px-3 ${IDLE}`}>
              {loadingMore ? B.loadingMore : B.more}
            </button>
          </li>
        )}
        {error && !boards && (
          <li className="shrink-0 px-1 text-xs text-rose-700 dark:text-rose-300">
            <span role="alert">
              {B.loadFailed} {errorText(error, t)}
            </span>
          </li>
        )}
      </ul>
      {/* At the row's end, outside the scrolling list: it never moves when the boards arrive. */}
      <button
        ref={newButton}
        type="button"
        aria-expanded={creating}
        onClick={() => (creating ? closeForm() : setCreating(true))}
        title={B.newBoard}
        className={`${CHIP} mr-1 border-dashed px-3 ${IDLE}`}
      >
        <PlusIcon className="size-4" />
        <span className="max-sm:sr-only">{B.newBoard}</span>
      </button>
      {creating && (
        <div className="absolute top-full right-1 z-30 mt-1 w-[min(22rem,calc(100vw-2rem))] rounded-2xl bg-white p-4 shadow-xl ring-1 ring-zinc-900/10 dark:bg-zinc-900 dark:ring-white/10">
          <NewBoardForm
            onCancel={closeForm}
            onCreated={(board) => {
              closeForm();
              announce({ text: format(t.boards.newBoard.created, { board: board.name }) });
            }}
          />
        </div>
      )}
    </nav>
  );
}

/** One board: a link to its page, and a drop target for dragged pictures. */
function BoardChip({ board, current: isCurrent }: { board: Board; current: boolean }) {
  const { t } = useStudio();
  const announce = useAnnounce();
  const B = t.boards.bar;
  const addToBoard = useAddToBoard();
  const [over, setOver] = useState(false);
  const metaId = useId();
  const count = board.count === 1 ? B.picturesOne : format(B.pictures, { count: board.count });
  return (
    <Link
      href={`/boards/${board.id}`}
      prefetch={false}
      aria-label={board.name}
      aria-describedby={metaId}
      aria-current={isCurrent ? "page" : undefined}
      title={board.name}
      onDragEnter={(e) => {
        if (!carriesPictures(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!carriesPictures(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
        if (!over) setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        if (!carriesPictures(e)) return;
        e.preventDefault();
        setOver(false);
        const ids = droppedPictures(e);
        if (ids.length === 0) return;
        addToBoard(board, ids).then(
          (text) => announce({ text }),
          (err: unknown) => announce({ text: format(t.boards.actionFailed, { message: errorText(err, t) }), tone: "error" }),
        );
      }}
      className={`${CHIP} max-w-64 pr-3 ${over ? DROP : isCurrent ? CURRENT : IDLE}`}
    >
      {board.coverUrl ? (
        <img src={board.coverUrl} alt="" width={28} height={28} loading="lazy" decoding="async" draggable={false} className="size-7 shrink-0 rounded-md object-cover" />
      ) : (
        <span aria-hidden className="grid size-7 shrink-0 place-items-center rounded-md bg-gradient-to-br from-zinc-100 to-zinc-200 text-zinc-400 dark:from-zinc-800 dark:to-zinc-700 dark:text-zinc-500">
          <StackIcon className="size-4" />
        </span>
      )}
      <span className="min-w-0 truncate">{board.name}</span>
      {board.visibility === "private" && <LockIcon className="size-3.5 shrink-0 text-zinc-500 dark:text-zinc-400" />}
      <span aria-hidden className="rounded-full bg-zinc-100 px-1.5 text-xs text-zinc-600 tabular-nums dark:bg-zinc-800 dark:text-zinc-400">
        {board.count}
      </span>
      <span id={metaId} className="sr-only">
        {board.visibility === "private" ? `${B.private}, ${count}` : count}
      </span>
    </Link>
  );
}
