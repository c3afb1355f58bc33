"use client";
import { useStudio } from "@/components/studio/studio-context";
import { AlertIcon, SearchIcon, SparkIcon, StackIcon } from "@/components/ui/icons";

const BUTTON =
  "inline-flex items-center gap-2 rounded-xl bg-zinc-900 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-zinc-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 focus-visible:ring-offset-2 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-white dark:focus-visible:ring-offset-zinc-950";

function Panel(props: { tone: "invite" | "neutral" | "error"; icon: React.ReactNode; title: string; children: React.ReactNode }) {
  const ring = {
    invite: "from-amber-100 via-orange-50 to-rose-100 text-amber-600 dark:from-amber-500/20 dark:via-orange-500/10 dark:to-rose-500/20 dark:text-amber-300",
    neutral: "from-zinc-100 to-zinc-200 text-zinc-500 dark:from-zinc-800 dark:to-zinc-900 dark:text-zinc-400",
    error: "from-rose-100 to-rose-200 text-rose-600 dark:from-rose-500/20 dark:to-rose-500/10 dark:text-rose-300",
  }[props.tone];
  return (
    <div className="flex flex-col items-center justify-center rounded-2xl border border-dashed border-zinc-300 bg-white/60 px-6 py-14 text-center sm:py-20 dark:border-zinc-800 dark:bg-zinc-900/40">
      <div className={`grid size-16 place-items-center rounded-2xl bg-gradient-to-br shadow-inner ${ring}`}>{props.icon}</div>
      <h2 className="mt-5 text-lg font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">{props.title}</h2>
      <div className="mt-2 max-w-md text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">{props.children}</div>
    </div>
  );
}

/** Nothing generated yet: say what to do. */
export function EmptyState() {
  const { t } = useStudio();
  return (
    <Panel tone="invite" icon={<SparkIcon className="size-8" />} title={t.gallery.empty.title}>
      <p>{t.gallery.empty.body}</p>
      <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">{t.gallery.empty.hint}</p>
      <div aria-hidden className="mt-8 flex justify-center gap-2">
        {[1, 16 / 9, 9 / 16, 1].map((ratio, i) => (
          <div
            key={i}
            className="h-16 rounded-lg bg-gradient-to-br from-zinc-100 to-zinc-200 ring-1 ring-zinc-900/5 dark:from-zinc-800 dark:to-zinc-900 dark:ring-white/5"
            style={{ aspectRatio: ratio }}
          />
        ))}
      </div>
    </Panel>
  );
}

/** Filters hide everything. */
export function NoResults({ onClear }: { onClear(): void }) {
  const { t } = useStudio();
  return (
    <Panel tone="neutral" icon={<SearchIcon className="size-8" />} title={t.gallery.noResults.title}>
      <p>{t.gallery.noResults.body}</p>
      <button type="button" onClick={onClear} className={`mt-6 ${BUTTON}`}>
        {t.gallery.noResults.clear}
      </button>
    </Panel>
  );
}

/** The first page could not be loaded. */
export function ErrorState({ message, onRetry }: { message: string; onRetry(): void }) {
  const { t } = useStudio();
  return (
    <div role="alert">
      <Panel tone="error" icon={<AlertIcon className="size-8" />} title={t.gallery.error.title}>
        <p>{message}</p>
        <button type="button" onClick={onRetry} className={`mt-6 ${BUTTON}`}>
          {t.gallery.error.retry}
        </button>
      </Panel>
    </div>
  );
}

/** A board with nothing on it yet: how pictures get there. */
export function BoardEmptyState() {
  const { t } = useStudio();
  return (
    <Panel tone="neutral" icon={<StackIcon className="size-8" />} title={t.boards.page.emptyTitle}>
      <p>{t.boards.page.emptyBody}</p>
    </Panel>
  );
}
