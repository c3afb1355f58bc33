"use client";
import { useRef, type KeyboardEvent } from "react";
import { useStudio } from "@/components/studio/studio-context";
import { BlankFields } from "@/components/templates/blank-fields";
import { useEnteredBeforeHydration } from "@/lib/client/use-entered-before-hydration";
import { format, groupThousands } from "@/lib/i18n/format";
import { MAX_PROMPT_LENGTH } from "@/lib/models";
import { useComposer } from "./composer-api";
import { FieldAlert, FieldLabel } from "./field-alert";
import { GENERATE_SUMMARY_ID } from "./generate-bar";
import { RecentPrompts } from "./recent-prompts";
import { useIsApple } from "./use-prompt-history";

const ID = "composer-prompt";

/** Characters the server will count: it trims first, and counts UTF-16 units as `length` does. */
export function promptLength(prompt: string): number {
  return prompt.trim().length;
}

/** The prompt: a labelled textarea, a live count against the limit, recent prompts, ⌘/Ctrl+Enter. */
export function PromptBox(props: { history: readonly string[]; error: string | null; onGenerate(): void }) {
  const { t } = useStudio();
  const { prompt, setPrompt, promptRef, template, blanks, blankValues, setBlankValue, leaveTemplate, setTemplatesPanel } = useComposer();
  const apple = useIsApple();
  // Alt+↑/↓ walks the history; -1 is what the person was typing, kept in `draft`.
  const step = useRef(-1);
  const draft = useRef("");

  useEnteredBeforeHydration(promptRef, setPrompt);

  // What the server will count: the prompt as sent, with the blanks' words in it.
  const length = promptLength(blanks.filled);
  const over = length - MAX_PROMPT_LENGTH;
  const describedBy = [`${ID}-count`, over > 0 && `${ID}-over`, props.error && `${ID}-error`].filter(Boolean).join(" ");

  function pick(text: string) {
    // A recent prompt is plain text: the template's fields (and its id) stay behind.
    if (template) leaveTemplate();
    setPrompt(text);
    step.current = -1;
    requestAnimationFrame(() => {
      promptRef.current?.focus();
      promptRef.current?.setSelectionRange(text.length, text.length);
    });
  }

  function onChange(text: string) {
    step.current = -1;
    // `/` typed into an empty prompt opens the templates' search instead (checked
    // here, not on keydown: phone keyboards often send no key name).
    if (prompt === "" && text === "/") return setTemplatesPanel({ which: "menu", fromPrompt: true });
    setPrompt(text);
  }

  function onLeaveTemplate() {
    leaveTemplate();
    promptRef.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.nativeEvent.isComposing) return; // an IME is still composing (Chinese, Japanese…)
    if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
      e.preventDefault();
      props.onGenerate();
      return;
    }
    if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
    const next = step.current + (e.key === "ArrowUp" ? 1 : -1);
    if (next < -1 || next >= props.history.length) return;
    e.preventDefault();
    if (step.current === -1) draft.current = prompt;
    step.current = next;
    setPrompt(next === -1 ? draft.current : props.history[next]);
  }

  return (
    <div>
      <div className="mb-1.5 flex items-center justify-between gap-2">
        <FieldLabel htmlFor={ID}>{t.composer.promptLabel}</FieldLabel>
        <RecentPrompts history={props.history} onPick={pick} />
      </div>
      <textarea
        ref={promptRef}
        id={ID}
        value={prompt}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        rows={5}
        placeholder={t.composer.promptPlaceholder}
        aria-invalid={over > 0 || Boolean(props.error) || undefined}
        aria-describedby={describedBy}
        spellCheck
        className="block max-h-[min(28rem,55dvh)] min-h-32 w-full resize-y rounded-xl border border-zinc-300 bg-zinc-50/60 px-3.5 py-3 text-base leading-relaxed text-zinc-900 shadow-xs transition-colors [field-sizing:content] placeholder:text-zinc-400 hover:border-zinc-400 focus:border-amber-500 focus:bg-white focus:outline-none focus:ring-4 focus:ring-amber-500/15 aria-invalid:border-red-500 aria-invalid:focus:ring-red-500/15 sm:text-[15px] dark:border-zinc-700 dark:bg-zinc-950/40 dark:text-zinc-100 dark:placeholder:text-zinc-500 dark:hover:border-zinc-600 dark:focus:border-amber-400 dark:focus:bg-zinc-950"
      />
      {template && (
        <BlankFields
          template={template}
          names={blanks.names}
          values={blankValues}
          firstEmpty={blanks.firstEmpty}
          reasonId={GENERATE_SUMMARY_ID}
          onChange={setBlankValue}
          onLeave={onLeaveTemplate}
        />
      )}
      <div className="mt-1.5 flex items-center justify-between gap-3 text-xs">
        <span className="hidden text-zinc-500 sm:inline dark:text-zinc-400" title={t.composer.historyHint}>
          {prompt === "" ? t.templateBlanks.slashHint : format(t.composer.shortcutHint, { key: apple ? "⌘" : "Ctrl" })}
        </span>
        <span
          id={`${ID}-count`}
          className={`ml-auto tabular-nums ${over > 0 ? "font-semibold text-red-600 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"}`}
        >
          {format(t.composer.promptCount, { n: groupThousands(length), max: groupThousands(MAX_PROMPT_LENGTH) })}
        </span>
      </div>
      {over > 0 && (
        <FieldAlert id={`${ID}-over`}>{format(t.composer.promptOver, { n: groupThousands(over), max: groupThousands(MAX_PROMPT_LENGTH) })}</FieldAlert>
      )}
      {props.error && <FieldAlert id={`${ID}-error`}>{props.error}</FieldAlert>}
    </div>
  );
}
