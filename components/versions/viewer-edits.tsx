"use client";
import { createContext, useCallback, useContext, useMemo, useRef, useState } from "react";
import useSWR, { useSWRConfig } from "swr";
import type { Generation } from "@/lib/contract";
import { api } from "@/lib/client/api";
import { failureReason } from "@/lib/client/failure-reason";
import { format } from "@/lib/i18n/format";
import { getModel, MAX_PROMPT_LENGTH, type AspectRatio, type ImageSize, type ModelId } from "@/lib/models";
import { useStudio } from "@/components/studio/studio-context";
import { useSessionLimits } from "@/components/composer/use-session-limits";
import { ProgressBar } from "@/components/ui/progress-bar";

// New versions made from the viewer (an edit in words, Vary, Render larger):
// each is one POST /api/generations with the shown picture as its parent,
// followed until it ends, and shown in the viewer when it is done. Lives as
// long as the viewer is open; the gallery's feed gets each one as it starts.

/** A new version on its way. */
export type Run = { id: string; parentId: string; rootId: string; prompt: string };
/** A new version that ended failed: said under the field of the picture it was made from. */
type RunFailure = { id: string; parentId: string; prompt: string; reason: string };

export type NewVersion = {
  model: ModelId;
  prompt: string;
  aspectRatio: AspectRatio;
  imageSize: ImageSize | null;
  references: string[];
  idempotencyKey: string;
};

type ViewerEdits = {
  runs: Run[];
  /** The version whose edit field takes focus when it shows (made from the field that had it). */
  focusEdit: string | null;
  failure: RunFailure | null;
  dismissFailure(): void;
  /** Sends one new version of `parent`; throws the ApiError of a refusal (nothing was made then). */
  start(parent: Generation, request: NewVersion): Promise<void>;
  /** The tree has versions made here (its tree is worth showing before the picture's count says so). */
  grew(rootId: string): boolean;
  /** A run's generation as last read (its poll tells). */
  settle(run: Run, g: Generation): void;
};

const Context = createContext<ViewerEdits | null>(null);

/** The SWR key of one tree's versions (any version's id reads it, so the key is the tree's). */
export const versionsKey = (rootId: string) => ["versions", rootId] as const;
/** The SWR key of one generation read by id. */
export const generationKey = (id: string) => `/api/generations/${id}`;

const ACTIVE = new Set(["waiting", "submitting", "queued", "processing"]);
export const isRunning = (g: Pick<Generation, "status">) => ACTIVE.has(g.status);

/** A prompt never past the server's limit, however long the one it quotes. */
export function capPrompt(prompt: string): string {
  return prompt.length > MAX_PROMPT_LENGTH ? `${prompt.slice(0, MAX_PROMPT_LENGTH - 1)}…` : prompt;
}

export function ViewerEditsProvider(props: { shownId: string; onShow(id: string, g: Generation): void; children: React.ReactNode }) {
  const { t, feed } = useStudio();
  const { refresh: refreshLimits } = useSessionLimits();
  const { mutate } = useSWRConfig();
  const [runs, setRuns] = useState<Run[]>([]);
  const [failure, setFailure] = useState<RunFailure | null>(null);
  const [grown, setGrown] = useState<ReadonlySet<string>>(() => new Set());
  const [focusEdit, setFocusEdit] = useState<string | null>(null);
  // A run's end is handled once, however many answers report it.
  const ended = useRef(new Set<string>());
  const { shownId, onShow } = props;

  const settle = useCallback(
    (run: Run, g: Generation) => {
      if (isRunning(g) || ended.current.has(run.id)) return;
      ended.current.add(run.id);
      setRuns((list) => list.filter((r) => r.id !== run.id));
      void mutate(versionsKey(run.rootId));
      refreshLimits();
      if (g.status === "completed" && g.image) {
        // Shown where it was asked for; a person who moved on to another picture stays there (the tree has it).
        if (shownId === run.parentId) {
          // Someone waiting in the field (or whose focus went with a button that is gone) goes on editing the new version.
          const active = document.activeElement;
          if (!active || active === document.body || active.closest("[data-edit-field]")) setFocusEdit(g.id);
          onShow(g.id, g);
        }
      } else {
        setFailure({ id: run.id, parentId: run.parentId, prompt: run.prompt, reason: failureReason({ error: g.error, t }) });
      }
    },
    [mutate, refreshLimits, shownId, onShow, t],
  );

  const start = useCallback(
    async (parent: Generation, request: NewVersion) => {
      const info = getModel(request.model);
      const generations = await api.create({
        model: request.model,
        prompt: request.prompt,
        aspectRatio: request.aspectRatio,
        ...(info && info.sizes.length > 1 && request.imageSize ? { imageSize: request.imageSize } : {}),
        references: request.references,
        count: 1,
        idempotencyKey: request.idempotencyKey,
        parentId: parent.id,
      });
      feed.addCreated(generations);
      setFailure((f) => (f?.parentId === parent.id ? null : f));
      setGrown((set) => (set.has(parent.rootId) ? set : new Set([...set, parent.rootId])));
      const made = generations.map((g) => ({ id: g.id, parentId: parent.id, rootId: g.rootId || parent.rootId, prompt: request.prompt }));
      setRuns((list) => [...list.filter((r) => !made.some((m) => m.id === r.id)), ...made]);
      void mutate(versionsKey(parent.rootId));
      refreshLimits();
      // A key sent again answers the request it first made, which may have ended meanwhile.
      generations.forEach((g, i) => settle(made[i], g));
    },
    [feed, mutate, refreshLimits, settle],
  );

  const value = useMemo<ViewerEdits>(
    () => ({
      runs,
      focusEdit,
      failure,
      dismissFailure: () => setFailure(null),
      start,
      grew: (rootId) => grown.has(rootId),
      settle,
    }),
    [runs, focusEdit, failure, start, grown, settle],
  );
  return <Context.Provider value={value}>{props.children}</Context.Provider>;
}

export function useViewerEdits(): ViewerEdits {
  const value = useContext(Context);
  if (!value) throw new Error("useViewerEdits outside ViewerEditsProvider");
  return value;
}

/** The new versions of the shown picture on their way, over it: what was asked, how far along, for how long. */
export function EditProgress(props: { shownId: string }) {
  const { runs } = useViewerEdits();
  const { t } = useStudio();
  const here = runs.filter((r) => r.parentId === props.shownId);
  const elsewhere = runs.length - here.length;
  return (
    <>
      {/* Every run is followed while the viewer is open, wherever it was started. */}
      {runs.map((run) => (
        <RunPoll key={run.id} run={run} />
      ))}
      {here.length > 0 && (
        <div className="absolute inset-0 flex flex-col justify-end bg-zinc-950/45">
          <ul className="flex flex-col gap-1.5 p-2 sm:p-3">
            {here.map((run) => (
              <RunProgress key={run.id} run={run} />
            ))}
          </ul>
        </div>
      )}
      {elsewhere > 0 && here.length === 0 && (
        <p className="absolute bottom-2 left-2 rounded-full bg-zinc-950/70 px-2.5 py-1 text-xs font-medium text-white/90 backdrop-blur-md">
          {format(t.versions.progress.elsewhere, { n: elsewhere })}
        </p>
      )}
    </>
  );
}

const POLL_MS = 1_000;

/** GET /api/generations/{id} every second until the run ends (SWR pauses it while the tab is hidden). */
function useRun(run: Run) {
  const { settle } = useViewerEdits();
  return useSWR(generationKey(run.id), () => api.get(run.id), {
    refreshInterval: (g) => (g && !isRunning(g) ? 0 : POLL_MS),
    revalidateOnFocus: false,
    dedupingInterval: 500,
    onSuccess: (g) => settle(run, g),
  });
}

function RunPoll({ run }: { run: Run }) {
  useRun(run);
  return null;
}

function RunProgress({ run }: { run: Run }) {
  const { t } = useStudio();
  const { data: g } = useSWR<Generation>(generationKey(run.id));
  const progress = Math.round(Math.min(100, Math.max(0, g?.progress ?? 0)));
  const C = t.gallery.card;
  const status = !g
    ? C.submitting
    : g.saving
      ? C.saving
      : g.status === "waiting"
        ? t.versions.progress.waiting
        : g.status === "submitting"
          ? C.submitting
          : g.status === "queued"
            ? C.queued
            : format(C.processing, { progress });
  return (
    <li className="rounded-xl bg-zinc-950/75 px-3 py-2 text-white shadow-lg ring-1 ring-white/10 backdrop-blur-md">
      <p className="line-clamp-2 text-sm leading-snug break-words">{format(t.versions.progress.making, { prompt: run.prompt })}</p>
      <div className="mt-1.5 flex items-center gap-2">
        <ProgressBar label={t.versions.progress.label} progress={progress} valueText={status} track="min-w-0 flex-1 bg-white/15" />
        <span className="shrink-0 text-xs font-medium text-amber-200">{status}</span>
      </div>
    </li>
  );
}
