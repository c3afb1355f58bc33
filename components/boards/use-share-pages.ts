"use client";
import type { Share } from "@/lib/contract";
import { sharesApi } from "@/lib/client/api";
import { useCursorPages } from "@/lib/client/use-cursor-pages";

/**
 * Share links a page at a time, for a list URL with its filter
 * (`/api/shares?boardId=…`, `?showing=mine`, …; null: nothing to read).
 */
export function useSharePages(url: string | null) {
  return useCursorPages<Share>(url, sharesApi.page, { revalidateOnFocus: false });
}
