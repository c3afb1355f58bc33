"use client";
import { useEffect, useEffectEvent, useState } from "react";

/**
 * A sentinel (callback ref) that calls `onLoadMore` when it comes within
 * `rootMargin` of the viewport. `version` (e.g. the item count) re-arms the
 * observer after each page, so a sentinel that is still on screen after a
 * short page keeps loading instead of waiting for a scroll that never comes.
 */
export function useInfiniteScroll(input: { enabled: boolean; version: number; onLoadMore(): void; rootMargin?: string }) {
  const { enabled, version, rootMargin = "800px 0px" } = input;
  const [node, setNode] = useState<HTMLElement | null>(null);
  const loadMore = useEffectEvent(() => input.onLoadMore());

  useEffect(() => {
    if (!node || !enabled || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) loadMore();
      },
      { rootMargin },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [node, enabled, version, rootMargin]);

  return setNode;
}
