"use client";
import { useId, useState } from "react";
import type { VersionsResponse } from "@/lib/contract";
import { format } from "@/lib/i18n/format";
import { shortPrompt } from "@/lib/client/format";
import { useStudio } from "@/components/studio/studio-context";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { BeforeAfterSlider } from "./before-after-slider";
import { comparable, isLive, versionNumbers, versionsBetween, type LiveVersion } from "./version-path";

type Mode = "slider" | "sideBySide";

const SELECT =
  "w-full rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm text-zinc-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-400 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-100";
const TAB = "rounded-md px-3 py-1 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-400";

/**
 * Two versions of a tree, chosen freely: under a before/after slider or side
 * by side, with the instructions that lead from one to the other.
 */
export function CompareDialog(props: { tree: VersionsResponse; beforeId: string; afterId: string; onClose(): void }) {
  const { t } = useStudio();
  const C = t.versions.compare;
  const titleId = useId();
  const sliderLabelId = useId();
  const versions = comparable(props.tree.items);
  const numbers = versionNumbers(props.tree.rootId, props.tree.items);
  const [beforeId, setBeforeId] = useState(props.beforeId);
  const [afterId, setAfterId] = useState(props.afterId);
  const [mode, setMode] = useState<Mode>("slider");
  const before = versions.find((v) => v.id === beforeId) ?? versions[0];
  const after = versions.find((v) => v.id === afterId) ?? versions[versions.length - 1];
  if (!before?.image || !after?.image) return null;

  const nameOf = (id: string) => {
    const n = numbers.get(id) ?? 0;
    return n === 0 ? C.original : format(C.version, { n });
  };
  const label = (v: LiveVersion) => `${nameOf(v.id)} · ${shortPrompt(v.prompt, 48)}`;
  const between = versionsBetween(props.tree.items, before.id, after.id);
  const picker = (which: "before" | "after", value: string, onChange: (id: string) => void) => (
    <label className="flex min-w-0 flex-1 flex-col gap-1 text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">
      {which === "before" ? C.before : C.after}
      <select className={SELECT} value={value} onChange={(e) => onChange(e.target.value)}>
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            {label(v)}
          </option>
        ))}
      </select>
    </label>
  );
  const steps = [
    ...between.toBefore.map((node) => ({ node, side: "before" as const })),
    ...between.toAfter.map((node) => ({ node, side: "after" as const })),
  ];

  return (
    <ModalDialog labelledBy={titleId} onClose={props.onClose} size="wide" className="flex max-h-[92dvh] w-full max-w-4xl flex-col gap-4 overflow-y-auto rounded-2xl bg-white p-4 text-zinc-900 shadow-2xl outline-none sm:p-5 dark:bg-zinc-900 dark:text-zinc-100">
      <div className="flex items-center justify-between gap-3">
        <h2 id={titleId} className="text-base font-semibold">
          {C.title}
        </h2>
        <button type="button" onClick={props.onClose} className={`${TAB} text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800`}>
          {C.close}
        </button>
      </div>

      <div className="flex flex-col gap-3 sm:flex-row">
        {picker("before", before.id, setBeforeId)}
        {picker("after", after.id, setAfterId)}
      </div>

      <div role="radiogroup" aria-label={C.title} className="flex w-fit gap-1 rounded-lg bg-zinc-100 p-1 dark:bg-zinc-800">
        {(["slider", "sideBySide"] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={mode === m}
            onClick={() => setMode(m)}
            className={`${TAB} ${mode === m ? "bg-white shadow-sm dark:bg-zinc-700" : "text-zinc-600 dark:text-zinc-300"}`}
          >
            {m === "slider" ? C.slider : C.sideBySide}
          </button>
        ))}
      </div>

      {mode === "slider" ? (
        <div>
          <span id={sliderLabelId} className="sr-only">
            {`${C.before}: ${label(before)}. ${C.after}: ${label(after)}.`}
          </span>
          <BeforeAfterSlider labelledBy={sliderLabelId} before={{ url: before.image.previewUrl, width: before.image.width, height: before.image.height }} after={{ url: after.image.previewUrl, width: after.image.width, height: after.image.height }} />
        </div>
      ) : (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          {[
            [C.before, before],
            [C.after, after],
          ].map(([caption, v]) => {
            const version = v as LiveVersion;
            return (
              <figure key={caption as string} className="flex flex-col gap-1">
                <img src={version.image!.previewUrl} alt={version.prompt} className="w-full rounded-xl bg-zinc-100 object-contain dark:bg-zinc-800" style={{ aspectRatio: `${version.image!.width} / ${version.image!.height}` }} />
                <figcaption className="text-sm text-zinc-600 dark:text-zinc-300">
                  <span className="font-semibold">{caption as string}</span> · {label(version)}
                </figcaption>
              </figure>
            );
          })}
        </div>
      )}

      <section aria-labelledby={`${titleId}-steps`}>
        <h3 id={`${titleId}-steps`} className="text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">
          {C.instructions}
        </h3>
        {steps.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-300">{C.noInstructions}</p>
        ) : (
          <ol className="mt-2 flex flex-col gap-1 text-sm" data-testid="compare-steps">
            {steps.map(({ node, side }) => (
              <li key={node.id} className="flex gap-2">
                <span className="shrink-0 text-zinc-500 dark:text-zinc-400">
                  {side === "before" ? "−" : "+"} {nameOf(node.id)}
                </span>
                <span className="min-w-0 break-words">{isLive(node) ? node.prompt : C.deleted}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </ModalDialog>
  );
}
