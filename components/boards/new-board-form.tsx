"use client";
import { useEffect, useId, useRef, useState } from "react";
import type { Board, BoardVisibility } from "@/lib/contract";
import { MAX_BOARD_NAME } from "@/lib/contract-values";
import { boardsApi } from "@/lib/client/api";
import { useBoards } from "@/lib/client/use-boards";
import { format } from "@/lib/i18n/format";
import { BusyButton, useBusy } from "@/components/ui/busy-button";
import { RadioSegments } from "@/components/ui/radio-segments";
import { useStudio } from "@/components/studio/studio-context";
import { errorText } from "@/lib/client/format";
import { LockIcon, UserIcon } from "@/components/ui/icons";

const INPUT =
  "h-10 w-full rounded-xl border border-zinc-300 bg-white px-3 text-sm shadow-sm placeholder:text-zinc-500 focus:border-amber-400 focus:ring-2 focus:ring-amber-500/30 focus:outline-none aria-invalid:border-rose-400 dark:border-zinc-700 dark:bg-zinc-950 dark:placeholder:text-zinc-400";
export const PRIMARY_BUTTON =
  "inline-flex items-center justify-center gap-2 rounded-xl bg-zinc-900 px-4 py-2 text-sm font-semibold whitespace-nowrap text-white shadow-sm hover:bg-zinc-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 focus-visible:ring-offset-2 disabled:opacity-60 dark:bg-amber-400 dark:text-zinc-950 dark:hover:bg-amber-300 dark:focus-visible:ring-offset-zinc-900";
export const SECONDARY_BUTTON =
  "inline-flex items-center justify-center gap-2 rounded-xl px-4 py-2 text-sm font-medium whitespace-nowrap text-zinc-700 ring-1 ring-zinc-300 hover:bg-zinc-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 disabled:opacity-60 dark:text-zinc-200 dark:ring-zinc-700 dark:hover:bg-zinc-800";

/**
 * A board's name (at most MAX_BOARD_NAME characters, counted as typed) and
 * who sees it. The server has the last word: its refusal is shown as it says it.
 */
export function NewBoardForm(props: { onCreated(board: Board): void; onCancel(): void }) {
  const { t } = useStudio();
  const N = t.boards.newBoard;
  const { refresh } = useBoards();
  const [name, setName] = useState("");
  const [visibility, setVisibility] = useState<BoardVisibility>("team");
  const { busy, run } = useBusy();
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const nameId = useId();
  const counterId = useId();
  const errorId = useId();
  const visibilityId = useId();
  // As the server counts (UTF-16 units of the trimmed name).
  const length = name.trim().length;
  const tooLong = length > MAX_BOARD_NAME;

  useEffect(() => input.current?.focus(), []);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setError(N.nameRequired);
      input.current?.focus();
      return;
    }
    await run(async () => {
      setError(null);
      try {
        const board = await boardsApi.create({ name: name.trim(), visibility });
        void refresh();
        props.onCreated(board);
      } catch (e) {
        setError(errorText(e, t));
        input.current?.focus();
      }
    });
  }

  return (
    <form
      aria-label={N.heading}
      noValidate
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        // Only this form closes (not the lightbox or the menu around it).
        e.preventDefault();
        e.stopPropagation();
        props.onCancel();
      }}
      className="flex w-full flex-col gap-3"
    >
      <div className="flex flex-col gap-1">
        <div className="flex items-baseline justify-between gap-2">
          <label htmlFor={nameId} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
            {N.nameLabel}
          </label>
          <span id={counterId} className={`text-xs tabular-nums ${tooLong ? "font-semibold text-rose-600 dark:text-rose-400" : "text-zinc-500 dark:text-zinc-400"}`}>
            {format(N.counter, { used: length, max: MAX_BOARD_NAME })}
          </span>
        </div>
        <input
          ref={input}
          id={nameId}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={N.namePlaceholder}
          autoComplete="off"
          aria-invalid={tooLong || Boolean(error) || undefined}
          aria-describedby={`${counterId}${error ? ` ${errorId}` : ""}`}
          className={INPUT}
        />
      </div>
      <div className="flex flex-col gap-1">
        <span id={visibilityId} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
          {N.visibilityLabel}
        </span>
        <RadioSegments<BoardVisibility>
          labelledBy={visibilityId}
          value={visibility}
          onChange={setVisibility}
          options={[
            { value: "team", label: N.team, content: <><UserIcon className="size-4" />{N.team}</> },
            { value: "private", label: N.private, content: <><LockIcon className="size-4" />{N.private}</> },
          ]}
        />
      </div>
      {error && (
        <p id={errorId} role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700 dark:bg-rose-500/10 dark:text-rose-300">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" onClick={props.onCancel} className={SECONDARY_BUTTON}>
          {N.cancel}
        </button>
        <BusyButton busy={busy} busyLabel={N.creating} className={PRIMARY_BUTTON}>
          {N.create}
        </BusyButton>
      </div>
    </form>
  );
}
