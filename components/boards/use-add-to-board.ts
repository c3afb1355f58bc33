"use client";
import { useCallback } from "react";
import type { Board } from "@/lib/contract";
import { MAX_BULK_IDS } from "@/lib/contract-values";
import { boardsApi } from "@/lib/client/api";
import { useBoards } from "@/lib/client/use-boards";
import { format } from "@/lib/i18n/format";
import { useStudio } from "@/components/studio/studio-context";

/**
 * Puts pictures on a board and answers what to tell the person ("Added 3
 * pictures to Moodboard"); the boards list (counts, covers) is read again.
 * Throws the API's error for the caller to show.
 */
export function useAddToBoard() {
  const { t, board: pageBoard, feed } = useStudio();
  const { refresh } = useBoards();
  return useCallback(
    async (board: Pick<Board, "id" | "name">, ids: string[]): Promise<string> => {
      let changed = 0;
      // One request names at most MAX_BULK_IDS pictures; a bigger selection goes in turns.
      for (const part of chunks(ids, MAX_BULK_IDS)) changed += (await boardsApi.addItems(board.id, part)).changed;
      void refresh();
      // Added to the board this page shows: its list gains them.
      if (pageBoard?.id === board.id && changed > 0) void feed.refresh();
      const B = t.boards;
      if (changed === 0) return format(B.alreadyThere, { board: board.name });
      return changed === 1 ? format(B.addedOne, { board: board.name }) : format(B.added, { count: changed, board: board.name });
    },
    [t, refresh, pageBoard?.id, feed],
  );
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
