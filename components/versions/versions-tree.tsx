"use client";
import { useMemo, useRef } from "react";
import useSWR from "swr";
import type { Generation, VersionsResponse } from "@/lib/contract";
import { getVersions } from "@/lib/client/api";
import { errorText, shortPrompt } from "@/lib/client/format";
import { format } from "@/lib/i18n/format";
import { useStudio } from "@/components/studio/studio-context";
import { CompareVersions } from "@/components/versions/compare-versions";
import { Spinner } from "@/components/ui/icons";
import { isDeleted, treeRows, type LiveVersion, type TreeRow } from "./tree-rows";
import { isRunning, versionsKey } from "./viewer-edits";

/** Pixels of indentation per branch level, and the deepest level drawn (deeper ones line up with it). */
const INDENT = 14;
const MAX_DRAWN_DEPTH = 8;
const TREE_POLL_MS = 2_000;

/**
 * Every version of the shown picture's tree, read from GET …/versions: the
 * original first, a branch indented under the version it grew from, the path
 * to the shown version marked. One flat list of buttons (↑/↓ move between
 * them, one tab stop), so a tree of 1,000 versions is 1,000 light rows.
 */
export function VersionsTree(props: { generation: Generation; wanted: boolean; onShow(id: string, g: Generation): void }) {
  const { t } = useStudio();
  const T = t.versions.tree;
  const g = props.generation;
  // Keyed by the tree, so moving between its versions reads it once; any live version answers for it.
  const { data: tree, error, isLoading, mutate } = useSWR(props.wanted ? versionsKey(g.rootId) : null, () => getVersions(g.id), {
    revalidateOnFocus: false,
    // Versions someone is making show up as they finish.
    refreshInterval: (tree) => (tree?.items.some((n) => !isDeleted(n) && isRunning(n)) ? TREE_POLL_MS : 0),
  });
  if (!props.wanted) return null;
  const live = tree ? tree.items.filter((n) => !isDeleted(n)).length : g.versions;

  return (
    <section aria-labelledby={`versions-${g.id}`}>
      <div className="flex items-center justify-between gap-3">
        <h2 id={`versions-${g.id}`} className="text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">
          {T.title} <span className="font-normal tabular-nums normal-case">· {format(T.count, { n: live })}</span>
        </h2>
        {tree && <CompareVersions tree={tree} shownId={g.id} />}
      </div>
      {tree ? (
        <TreeList tree={tree} shownId={g.id} onShow={props.onShow} />
      ) : error && !isLoading ? (
        <p role="alert" className="mt-3 text-sm text-rose-700 dark:text-rose-300">
          {format(T.loadFailed, { message: errorText(error, t) })}{" "}
          <button type="button" onClick={() => void mutate()} className="font-medium underline underline-offset-2">
            {T.retry}
          </button>
        </p>
      ) : (
        <p className="mt-3 flex items-center gap-2 text-sm text-zinc-500 dark:text-zinc-400">
          <Spinner className="size-4" />
          {T.loading}
        </p>
      )}
    </section>
  );
}

function TreeList(props: { tree: VersionsResponse; shownId: string; onShow(id: string, g: Generation): void }) {
  const { t, user } = useStudio();
  const T = t.versions.tree;
  const list = useRef<HTMLUListElement>(null);
  const rows = useMemo(() => treeRows(props.tree.items, props.tree.rootId, props.shownId), [props.tree, props.shownId]);
  const shownHere = rows.some((r) => r.node.id === props.shownId);
  const firstButton = rows.find((r) => !isDeleted(r.node))?.node.id;

  function onKeyDown(e: React.KeyboardEvent) {
    if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(e.key)) return;
    const buttons = Array.from(list.current?.querySelectorAll<HTMLButtonElement>("button[data-version]") ?? []);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const to = e.key === "Home" ? 0 : e.key === "End" ? buttons.length - 1 : at + (e.key === "ArrowDown" ? 1 : -1);
    if (to < 0 || to >= buttons.length) return;
    e.preventDefault();
    buttons[to].focus();
  }

  return (
    <>
      <p id="versions-keys" className="sr-only">
        {T.keys}
      </p>
      <ul
        ref={list}
        aria-label={T.list}
        aria-describedby="versions-keys"
        onKeyDown={onKeyDown}
        className="mt-3 max-h-[min(28rem,60dvh)] overflow-y-auto overscroll-contain rounded-xl ring-1 ring-zinc-200 dark:ring-zinc-800"
      >
        {rows.map((row) => (
          <li key={row.node.id} className="[contain-intrinsic-size:auto_3.5rem] [content-visibility:auto]">
            {isDeleted(row.node) ? (
              <DeletedRow row={row} />
            ) : (
              <VersionRow
                row={row}
                node={row.node}
                shown={row.node.id === props.shownId}
                tabStop={shownHere ? row.node.id === props.shownId : row.node.id === firstButton}
                mine={row.node.createdBy === user}
                onShow={props.onShow}
              />
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The indentation of a row and its branch lines: one vertical line per level, an elbow where a branch starts. */
function Indent({ row }: { row: TreeRow }) {
  const depth = Math.min(row.depth, MAX_DRAWN_DEPTH);
  if (depth === 0) return null;
  const width = depth * INDENT;
  return (
    <span aria-hidden className="relative shrink-0 self-stretch" style={{ width }}>
      {Array.from({ length: depth }, (_, level) => {
        const last = level === depth - 1;
        return (
          <span
            key={level}
            className={`absolute w-px bg-zinc-300 dark:bg-zinc-700 ${last && row.branch ? "top-0 h-1/2" : "inset-y-0"}`}
            style={{ left: level * INDENT + INDENT / 2 }}
          />
        );
      })}
      {row.branch && (
        <span
          className="absolute top-1/2 h-px bg-zinc-300 dark:bg-zinc-700"
          style={{ left: (depth - 1) * INDENT + INDENT / 2, width: INDENT / 2 }}
        />
      )}
    </span>
  );
}

function Label({ row, T }: { row: TreeRow; T: { original: string; version: string } }) {
  return (
    <span className="shrink-0 rounded bg-zinc-100 px-1 text-[11px] font-semibold text-zinc-600 tabular-nums dark:bg-zinc-800 dark:text-zinc-300">
      {row.number === 0 ? T.original : format(T.version, { n: row.number })}
    </span>
  );
}

function VersionRow(props: {
  row: TreeRow;
  node: LiveVersion;
  shown: boolean;
  tabStop: boolean;
  mine: boolean;
  onShow(id: string, g: Generation): void;
}) {
  const { t } = useStudio();
  const T = t.versions.tree;
  const { row, node } = props;
  const ready = node.status === "completed" && node.image !== null;
  const state = ready ? null : isRunning(node) ? T.inProgress : T.failed;
  return (
    <button
      type="button"
      data-version={node.id}
      aria-current={props.shown ? "true" : undefined}
      aria-disabled={!ready || undefined}
      tabIndex={props.tabStop ? 0 : -1}
      onClick={() => {
        if (ready && !props.shown) props.onShow(node.id, node);
      }}
      className={`group flex w-full items-stretch gap-2 border-l-2 px-2 text-left transition focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 focus-visible:ring-inset aria-disabled:cursor-default ${
        props.shown
          ? "border-amber-500 bg-amber-50 dark:bg-amber-500/15"
          : row.onPath
            ? "border-amber-300 bg-amber-50/40 hover:bg-amber-50 dark:border-amber-500/50 dark:bg-amber-500/5 dark:hover:bg-amber-500/10"
            : "border-transparent hover:bg-zinc-50 dark:hover:bg-zinc-800/60"
      }`}
    >
      <Indent row={row} />
      <span className="flex min-w-0 flex-1 items-center gap-2 py-1.5">
        <span className="grid size-10 shrink-0 place-items-center overflow-hidden rounded-md bg-zinc-100 ring-1 ring-zinc-900/10 dark:bg-zinc-800 dark:ring-white/10">
          {node.image ? (
            <img src={node.image.thumbUrl} alt="" loading="lazy" decoding="async" className="size-full object-cover" />
          ) : isRunning(node) ? (
            <Spinner className="size-4 text-amber-600 dark:text-amber-400" />
          ) : null}
        </span>
        <span className="min-w-0 flex-1">
          <span className="flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
            <Label row={row} T={T} />
            <span className="truncate">{props.mine ? T.byYou : format(T.by, { name: node.createdBy })}</span>
            {props.shown && <span className="sr-only">{T.shown}</span>}
          </span>
          <span
            className={`mt-0.5 line-clamp-2 text-sm leading-snug break-words ${props.shown ? "font-medium text-zinc-900 dark:text-white" : "text-zinc-700 dark:text-zinc-200"}`}
          >
            {shortPrompt(node.prompt, 120)}
          </span>
          {(state || row.parentDeleted) && (
            <span className="mt-0.5 block text-xs text-zinc-500 italic dark:text-zinc-400">{[state, row.parentDeleted && T.parentDeleted].filter(Boolean).join(" · ")}</span>
          )}
        </span>
      </span>
    </button>
  );
}

function DeletedRow({ row }: { row: TreeRow }) {
  const { t } = useStudio();
  const T = t.versions.tree;
  return (
    <div className={`flex items-stretch gap-2 border-l-2 px-2 ${row.onPath ? "border-amber-300 dark:border-amber-500/50" : "border-transparent"}`}>
      <Indent row={row} />
      <span className="flex min-w-0 flex-1 items-center gap-2 py-1.5 text-sm text-zinc-500 dark:text-zinc-400">
        <span aria-hidden className="size-10 shrink-0 rounded-md border border-dashed border-zinc-300 dark:border-zinc-700" />
        <Label row={row} T={T} />
        <span className="italic">{T.deleted}</span>
        {row.parentDeleted && <span className="text-xs italic">· {T.parentDeleted}</span>}
      </span>
    </div>
  );
}
