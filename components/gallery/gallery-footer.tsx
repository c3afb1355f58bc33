"use client";
import { useStudio } from "@/components/studio/studio-context";
import { errorText } from "@/lib/client/format";
import { Spinner } from "@/components/ui/icons";

/** Below the list: a spinner while the next page loads, a "Load more" fallback, a retry, or the end. */
export function GalleryFooter({ count }: { count: number }) {
  const { t, feed } = useStudio();
  let content: React.ReactNode = null;
  if (feed.isLoadingMore && !feed.isLoading) {
    content = (
      <span role="status" className="inline-flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
        <Spinner className="size-4" />
        {t.gallery.list.loadingMore}
      </span>
    );
  } else if (feed.error && !feed.isLoading) {
    content = (
      <div role="alert" className="flex flex-col items-center gap-2 text-center text-sm text-rose-700 dark:text-rose-300">
        <p>
          {t.gallery.list.loadMoreFailed} {errorText(feed.error, t)}
        </p>
        <button
          type="button"
          onClick={() => void feed.refresh()}
          className="rounded-xl px-4 py-2 font-medium text-zinc-800 ring-1 ring-zinc-300 hover:bg-white focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:text-zinc-100 dark:ring-zinc-700 dark:hover:bg-zinc-900"
        >
          {t.gallery.error.retry}
        </button>
      </div>
    );
  } else if (feed.hasMore) {
    content = (
      <button
        type="button"
        onClick={() => void feed.loadMore()}
        className="rounded-xl bg-white px-5 py-2 text-sm font-medium text-zinc-800 shadow-sm ring-1 ring-zinc-200 transition hover:bg-zinc-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-800 dark:hover:bg-zinc-800"
      >
        {t.gallery.list.loadMore}
      </button>
    );
  } else if (count > 12) {
    content = <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.gallery.list.end}</p>;
  }
  return <div className="flex min-h-16 items-center justify-center py-4">{content}</div>;
}
