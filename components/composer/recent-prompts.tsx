"use client";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useStudio } from "@/components/studio/studio-context";
import { clearPromptHistory } from "@/lib/client/prompt-history";
import { ClockIcon } from "./icons";

/** A small menu of the prompts generated from before; picking one puts it in the prompt box. */
export function RecentPrompts({ history, onPick }: { history: readonly string[]; onPick(prompt: string): void }) {
  const { t } = useStudio();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  function close(focusButton: boolean) {
    setOpen(false);
    if (focusButton) button.current?.focus();
  }

  function onMenuKey(e: KeyboardEvent<HTMLDivElement>) {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => list[(i + list.length) % list.length]?.focus();
    if (e.key === "ArrowDown") move(at + 1);
    else if (e.key === "ArrowUp") move(at - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(list.length - 1);
    else if (e.key === "Escape") close(true);
    else if (e.key === "Tab") return setOpen(false);
    else return;
    e.preventDefault();
  }

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && !open) {
            e.preventDefault();
            setOpen(true);
          } else if (e.key === "Escape" && open) {
            e.preventDefault();
            setOpen(false);
          }
        }}
        className="inline-flex items-center gap-1 rounded-md px-1.5 py-1 text-xs font-medium text-zinc-500 transition-colors hover:bg-zinc-100 hover:text-zinc-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 aria-expanded:bg-zinc-100 aria-expanded:text-zinc-800 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 dark:aria-expanded:bg-zinc-800 dark:aria-expanded:text-zinc-100"
      >
        <ClockIcon className="size-3.5" />
        {t.composer.recentPrompts}
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={t.composer.recentMenu}
          onKeyDown={onMenuKey}
          className="absolute right-0 z-30 mt-1 w-[min(24rem,calc(100vw-2.5rem))] overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xl shadow-zinc-900/10 dark:border-zinc-700 dark:bg-zinc-900 dark:shadow-black/40"
        >
          {history.length === 0 ? (
            <p className="px-3 py-3 text-sm text-zinc-500 dark:text-zinc-400">{t.composer.recentEmpty}</p>
          ) : (
            <>
              <div className="max-h-72 overflow-y-auto py-1">
                {history.map((prompt) => (
                  <button
                    key={prompt}
                    type="button"
                    role="menuitem"
                    tabIndex={-1}
                    title={prompt}
                    onClick={() => {
                      onPick(prompt);
                      setOpen(false);
                    }}
                    className="block w-full px-3 py-2 text-left text-sm text-zinc-700 hover:bg-zinc-100 focus:bg-amber-50 focus:outline-none dark:text-zinc-200 dark:hover:bg-zinc-800 dark:focus:bg-zinc-800"
                  >
                    <span className="line-clamp-2 break-words">{prompt}</span>
                  </button>
                ))}
              </div>
              <div className="border-t border-zinc-200 p-1 dark:border-zinc-700">
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  onClick={() => {
                    clearPromptHistory();
                    close(true);
                  }}
                  className="block w-full rounded-md px-2 py-1.5 text-left text-xs font-medium text-zinc-500 hover:bg-zinc-100 focus:bg-zinc-100 focus:outline-none dark:text-zinc-400 dark:hover:bg-zinc-800 dark:focus:bg-zinc-800"
                >
                  {t.composer.recentClear}
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </div>
  );
}
