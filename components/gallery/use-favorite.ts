"use client";
import { useCallback } from "react";
import type { Generation } from "@/lib/contract";
import { api } from "@/lib/client/api";
import { useStudio } from "@/components/studio/studio-context";
import { errorText } from "@/lib/client/format";

/** Toggles a favorite at once on screen, then confirms with the server (or puts it back and reports why). */
export function useToggleFavorite(onError: (message: string) => void) {
  const { t, feed } = useStudio();
  const { replace } = feed;
  return useCallback(
    async (g: Generation) => {
      const next = !g.favorite;
      replace({ ...g, favorite: next });
      try {
        replace(await api.setFavorite(g.id, next));
      } catch (e) {
        replace(g);
        onError(errorText(e, t));
      }
    },
    [replace, onError, t],
  );
}
