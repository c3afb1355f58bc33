"use client";
import { mutate } from "swr";
import { useBackForwardRestore } from "@/lib/client/use-back-forward-restore";

// Signed-in reads are `private, no-cache` (lib/server/route.ts) so a page may
// enter the back/forward cache; this is the other half: a page brought back
// by Back or Forward asks every SWR read again. The gallery's cursor pages
// (SWR infinite keys, which a matcher never sees) are refreshed by useFeed.
const everyKey = () => true;

/** In the root layout: every page's SWR reads are revalidated when the page comes back from the back/forward cache. */
export function BackForwardRefresh() {
  useBackForwardRestore(() => void mutate(everyKey));
  return null;
}
