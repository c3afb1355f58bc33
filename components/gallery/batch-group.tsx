"use client";
import type { Generation } from "@/lib/contract";
import { format } from "@/lib/i18n/format";
import { useStudio } from "@/components/studio/studio-context";
import { GenerationCard } from "./generation-card";
import { RunLink } from "./run-link";
import { StackIcon } from "@/components/ui/icons";
import { shortPrompt } from "@/lib/client/format";
import { BATCH_GAP, BATCH_PAD } from "@/lib/client/justified-rows";
import { BATCH_LIST, groupStyle, tileKey } from "./justified";

// The frame's padding (p-1.5: 6 px each side) and the gap between its pictures (gap-1.5: 6 px), as justified-rows lays them out.
const PAD_PX = BATCH_PAD;
const GAP_PX = BATCH_GAP;

/** The pictures of one request together: their prompt once, in a light frame, then the cards. */
export function BatchGroup(props: {
  items: Generation[];
  ratios: readonly number[];
  /** Index of the first item in the gallery (the first screen's thumbnails load eagerly). */
  start: number;
  eagerBelow: number;
  onOpen(id: string): void;
  onToggleFavorite(g: Generation): void;
}) {
  const { t } = useStudio();
  const { items, ratios } = props;
  const prompt = items[0].prompt;
  // A batch is one request: its pictures share one run, or none.
  const runId = items[0].runId;
  const chrome = 2 * PAD_PX + (items.length - 1) * GAP_PX;
  return (
    <li className="min-w-0" style={groupStyle(ratios, chrome)} data-tile={tileKey(props.start, "batch")}>
      <div
        role="group"
        aria-label={format(t.boards.batch.group, { count: items.length, prompt: shortPrompt(prompt, 80) })}
        className="flex flex-col gap-1.5 rounded-2xl bg-zinc-200/60 p-1.5 ring-1 ring-zinc-900/5 dark:bg-zinc-800/50 dark:ring-white/10"
      >
        {/* The group's label says the count and prompt; only the run's link is more to hear. */}
        <p className="flex min-w-0 items-center gap-1.5 px-1 text-xs text-zinc-600 dark:text-zinc-400">
          <StackIcon className="size-3.5 shrink-0" />
          <span aria-hidden className="shrink-0 font-semibold tabular-nums">
            {items.length}×
          </span>
          {runId && <RunLink runId={runId} />}
          <span aria-hidden className="min-w-0 truncate" title={shortPrompt(prompt, 300)}>
            {prompt}
          </span>
        </p>
        {/* No filler: its pictures grow with the frame; a row of them that is not full is held by the gallery's rules. */}
        <ul className={BATCH_LIST}>
          {items.map((g, i) => (
            <GenerationCard
              key={g.id}
              tile={tileKey(props.start + i)}
              generation={g}
              ratio={ratios[i]}
              eager={props.start + i < props.eagerBelow}
              onOpen={props.onOpen}
              onToggleFavorite={props.onToggleFavorite}
            />
          ))}
        </ul>
      </div>
    </li>
  );
}
