"use client";
import { useEffect, useId, useRef, useState } from "react";
import type { Board } from "@/lib/contract";
import { useBoards } from "@/lib/client/use-boards";
import { format } from "@/lib/i18n/format";
import { useStudio } from "@/components/studio/studio-context";
import type { StatusMessage } from "@/components/ui/gallery-status";
import { errorText } from "@/lib/client/format";
import { BoardIcon, ChevronIcon, LockIcon, PlusIcon, StackIcon } from "@/components/ui/icons";
import { NewBoardForm } from "./new-board-form";
import { useAddToBoard } from "./use-add-to-board";

type Mode = "closed" | "menu" | "form";

/**
 * "Add to board": a menu of the boards the person may see and "New board…"
 * (which makes the board, then adds to it). Arrow keys move in the menu,
 * Esc closes it and returns to the button.
 */
export function AddToBoardMenu(props: {
  /** The pictures to add, read when a board is chosen. */
  ids(): string[];
  onDone(message: StatusMessage): void;
  placement: "up" | "down";
  align?: "left" | "right";
  buttonClassName: string;
}) {
  const { t } = useStudio();
  const M = t.boards.menu;
  const { boards, isLoading, hasMore, loadingMore, loadMore } = useBoards();
  const addToBoard = useAddToBoard();
  const [mode, setMode] = useState<Mode>("closed");
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const close = (focusButton = true) => {
    setMode("closed");
    if (focusButton) requestAnimationFrame(() => button.current?.focus());
  };

  // A press anywhere else closes it.
  useEffect(() => {
    if (mode === "closed") return;
    const onPointerDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setMode("closed");
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [mode]);

  // After "More boards…": the first board of the new page gets focus once it arrives.
  const focusFrom = useRef<number | null>(null);
  useEffect(() => {
    if (mode !== "menu") return;
    const items = menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]');
    const from = focusFrom.current;
    if (from === null) items?.[0]?.focus();
    else if ((boards?.length ?? 0) > from) {
      focusFrom.current = null;
      items?.[from]?.focus();
    }
  }, [mode, boards]);

  async function add(board: Pick<Board, "id" | "name">) {
    close();
    const ids = props.ids();
    if (ids.length === 0) return;
    try {
      props.onDone({ text: await addToBoard(board, ids) });
    } catch (e) {
      props.onDone({ text: format(t.boards.actionFailed, { message: errorText(e, t) }), tone: "error" });
    }
  }

  function onMenuKeyDown(e: React.KeyboardEvent) {
    const items = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const at = items.indexOf(document.activeElement as HTMLElement);
    let next = -1;
    if (e.key === "ArrowDown") next = at < items.length - 1 ? at + 1 : 0;
    else if (e.key === "ArrowUp") next = at > 0 ? at - 1 : items.length - 1;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = items.length - 1;
    else if (e.key === "Escape") {
      // Only the menu closes, not the lightbox or the selection around it.
      e.preventDefault();
      e.stopPropagation();
      close();
      return;
    } else if (e.key === "Tab") {
      setMode("closed");
      return;
    }
    if (next < 0) return;
    e.preventDefault();
    e.stopPropagation();
    items[next]?.focus();
  }

  const popup = `absolute z-50 w-72 max-w-[calc(100vw-1.5rem)] rounded-2xl bg-white p-1.5 text-zinc-900 shadow-2xl ring-1 ring-zinc-900/10 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-white/10 ${
    props.placement === "up" ? "bottom-full mb-2" : "top-full mt-2"
  } ${props.align === "right" ? "right-0" : "left-0"}`;
  const item =
    "flex w-full items-center gap-2.5 rounded-xl px-2.5 py-2 text-left text-sm hover:bg-zinc-100 focus:bg-zinc-100 focus:outline-none dark:hover:bg-zinc-800 dark:focus:bg-zinc-800";

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={mode === "menu"}
        aria-controls={mode === "menu" ? menuId : undefined}
        onClick={() => (mode === "closed" ? setMode("menu") : close(false))}
        className={props.buttonClassName}
      >
        <BoardIcon className="size-4" />
        {M.addToBoard}
        <ChevronIcon direction="down" className="size-3.5 opacity-70" />
      </button>
      {mode === "menu" && (
        <div ref={menu} id={menuId} role="menu" aria-label={M.addToBoard} onKeyDown={onMenuKeyDown} className={popup}>
          <div className="max-h-72 overflow-y-auto">
            {isLoading && !boards && <p className="px-2.5 py-2 text-sm text-zinc-500 dark:text-zinc-400">{M.loading}</p>}
            {boards?.length === 0 && <p className="px-2.5 py-2 text-sm text-zinc-500 dark:text-zinc-400">{M.none}</p>}
            {boards?.map((board) => (
              <button key={board.id} type="button" role="menuitem" tabIndex={-1} onClick={() => void add(board)} className={item}>
                {board.coverUrl ? (
                  <img src={board.coverUrl} alt="" className="size-7 shrink-0 rounded-md object-cover" />
                ) : (
                  <span aria-hidden className="grid size-7 shrink-0 place-items-center rounded-md bg-zinc-100 text-zinc-400 dark:bg-zinc-800">
                    <StackIcon className="size-4" />
                  </span>
                )}
                <span className="min-w-0 flex-1 truncate">{board.name}</span>
                {board.visibility === "private" && (
                  <span className="shrink-0 text-zinc-500 dark:text-zinc-400" title={t.boards.bar.private}>
                    <LockIcon className="size-3.5" />
                    <span className="sr-only">{t.boards.bar.private}</span>
                  </span>
                )}
                <span aria-hidden className="shrink-0 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
                  {board.count}
                </span>
              </button>
            ))}
            {hasMore && (
              // The next page of boards; the menu stays open and focus stays here.
              <button type="button" role="menuitem" tabIndex={-1} aria-disabled={loadingMore} onClick={() => {
                  if (loadingMore) return;
                  focusFrom.current = boards?.length ?? 0;
                  void loadMore();
                }}
                className={`${item} text-zinc-600 dark:text-zinc-400`}
              >
                <span aria-hidden className="size-7 shrink-0" />
                {loadingMore ? t.boards.bar.loadingMore : M.more}
              </button>
            )}
          </div>
          <div className="mt-1 border-t border-zinc-200 pt-1 dark:border-zinc-800">
            <button type="button" role="menuitem" tabIndex={-1} onClick={() => setMode("form")} className={`${item} font-medium`}>
              <span aria-hidden className="grid size-7 shrink-0 place-items-center rounded-md border border-dashed border-zinc-300 dark:border-zinc-700">
                <PlusIcon className="size-4" />
              </span>
              {M.newBoard}
            </button>
          </div>
        </div>
      )}
      {mode === "form" && (
        <div className={`${popup} p-4`}>
          <NewBoardForm onCancel={() => close()} onCreated={(board) => void add(board)} />
        </div>
      )}
    </div>
  );
}
