"use client";
import { useStudio } from "@/components/studio/studio-context";
import { PromptHelpPanel } from "@/components/prompt-help/prompt-help-panel";
import { format } from "@/lib/i18n/format";
import { AspectRatioPicker } from "./aspect-ratio-picker";
import { useComposer } from "./composer-api";
import { CountPicker } from "./count-picker";
import { PageDropZone } from "./drop-zone";
import { GenerateBar } from "./generate-bar";
import { ImageIcon, TextIcon } from "./icons";
import { ModelPicker } from "./model-picker";
import { PromptBox } from "./prompt-box";
import { ReferenceTray } from "./reference-tray";
import { SizePicker } from "./size-picker";
import { TemplatesSlot } from "./templates-slot";
import { useGenerate } from "./use-generate";
import { usePromptHistory } from "./use-prompt-history";

/** Text-to-image or image-to-image, said in words, so nobody sends references by surprise. */
function ModeBadge() {
  const { t } = useStudio();
  const { references } = useComposer();
  const n = references.length;
  const text = n === 0 ? t.composer.modeText : n === 1 ? t.composer.modeImageOne : format(t.composer.modeImageMany, { n });
  return (
    <span
      data-mode={n === 0 ? "text" : "image"}
      className={
        n === 0
          ? "inline-flex items-center gap-1.5 rounded-full bg-zinc-100 px-2.5 py-1 text-xs font-medium text-zinc-600 ring-1 ring-inset ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700"
          : "inline-flex items-center gap-1.5 rounded-full bg-violet-50 px-2.5 py-1 text-xs font-semibold text-violet-800 ring-1 ring-inset ring-violet-200 dark:bg-violet-500/15 dark:text-violet-200 dark:ring-violet-500/30"
      }
    >
      {n === 0 ? <TextIcon className="size-3.5" /> : <ImageIcon className="size-3.5" />}
      {text}
    </span>
  );
}

/** Prompt, references and settings in, pictures out: the left column (top on phones). */
export function Composer() {
  const { t } = useStudio();
  const history = usePromptHistory();
  const state = useGenerate();
  const composer = useComposer();

  return (
    <section
      aria-labelledby="composer-title"
      className="rounded-2xl border border-zinc-200/80 bg-white px-4 pt-4 shadow-sm shadow-zinc-900/5 [scrollbar-width:thin] sm:px-5 sm:pt-5 lg:max-h-[calc(100dvh-5.5rem)] lg:overflow-y-auto lg:overscroll-contain dark:border-zinc-800 dark:bg-zinc-900 dark:shadow-black/20"
    >
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h2 id="composer-title" className="text-base font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
          {t.composer.title}
        </h2>
        <ModeBadge />
      </div>
      <div className="flex flex-col gap-4">
        <TemplatesSlot />
        <PromptBox history={history} error={state.promptError} onGenerate={() => void state.generate()} />
        <PromptHelpPanel prompt={composer.prompt} setPrompt={composer.setPrompt} promptRef={composer.promptRef} />
        <ReferenceTray refused={state.refused} trayProblem={state.trayProblem} />
        <div className="flex flex-col gap-4 border-t border-zinc-100 pt-4 dark:border-zinc-800">
          <ModelPicker />
          <AspectRatioPicker />
          <div className="grid grid-cols-2 gap-3">
            <SizePicker />
            <CountPicker />
          </div>
        </div>
        {/* Generate stays in reach: on wide screens the card scrolls inside the sticky column;
            on a phone the bar sticks to the screen's bottom while the composer is on screen
            (it never leaves the composer, so it covers nothing of the gallery). */}
        <div className="sticky bottom-0 -mx-4 bg-white/95 px-4 pt-3 pb-4 shadow-[0_-12px_16px_-14px_rgb(0_0_0/0.18)] backdrop-blur-sm sm:-mx-5 sm:px-5 sm:pb-5 dark:bg-zinc-900/95">
          <GenerateBar state={state} />
        </div>
      </div>
      <PageDropZone />
    </section>
  );
}
