"use client";
import { useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import useSWR from "swr";
import { useStudio } from "@/components/studio/studio-context";
import { BusyButton, useBusy } from "@/components/ui/busy-button";
import type { Template } from "@/lib/contract-templates";
import { templatesApi } from "@/lib/client/api";
import { errorText } from "@/lib/client/format";
import { format } from "@/lib/i18n/format";
import type { AspectRatio, ImageSize, ModelId } from "@/lib/models";

// The composer's Templates menu (a searchable list of the team's templates
// and one's own; choosing one fills the prompt and the settings) and "Save as
// template" (the prompt, settings and uploaded references, with a name).

const TEMPLATES_URL = "/api/templates";
const BUTTON =
  "inline-flex items-center gap-1.5 rounded-lg px-2.5 py-1 text-xs font-medium text-zinc-700 ring-1 ring-zinc-300 hover:bg-zinc-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 aria-expanded:bg-zinc-100 dark:text-zinc-200 dark:ring-zinc-700 dark:hover:bg-zinc-800 dark:aria-expanded:bg-zinc-800";
const INPUT =
  "h-9 w-full rounded-lg border border-zinc-300 bg-white px-3 text-sm placeholder:text-zinc-500 focus:border-amber-400 focus:ring-2 focus:ring-amber-500/30 focus:outline-none aria-invalid:border-rose-400 dark:border-zinc-700 dark:bg-zinc-950 dark:placeholder:text-zinc-400";
const PANEL = "flex flex-col gap-2 rounded-xl border border-zinc-200 bg-white p-3 shadow-sm dark:border-zinc-700 dark:bg-zinc-900";

/** Which panel is open; `fromPrompt`: opened by `/` in the prompt, so Esc goes back there. */
export type TemplatesPanel = { which: "menu" | "save"; fromPrompt?: boolean } | null;

/** What the menu reads from and writes to the composer (its own state stays there). */
export type TemplateTarget = {
  prompt: string;
  model: ModelId;
  aspectRatio: AspectRatio;
  imageSize: ImageSize;
  count: number;
  /** `value`: an uploaded picture's ref_… id, or a link. */
  references: readonly { value: string }[];
  promptRef: RefObject<HTMLTextAreaElement | null>;
  /** The template's prompt (its blanks as fields), settings and references into the composer. */
  chooseTemplate(template: Template): void;
  /** Kept by the composer, so `/` in the prompt can open the search. */
  templatesPanel: TemplatesPanel;
  setTemplatesPanel(panel: TemplatesPanel): void;
};

/** Whether every word of `q` is in the template's name, prompt or owner (any case). */
function matches(template: Template, q: string): boolean {
  const text = `${template.name} ${template.prompt} ${template.owner}`.toLocaleLowerCase();
  return q
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

export function TemplatesMenu({ composer }: { composer: TemplateTarget }) {
  const { t } = useStudio();
  const T = t.templates;
  const { templatesPanel: panel, setTemplatesPanel: setPanel } = composer;
  const open = panel?.which ?? null;
  const [notice, setNotice] = useState<string | null>(null);
  const menuId = useId();
  const saveId = useId();
  const menuButton = useRef<HTMLButtonElement>(null);
  const saveButton = useRef<HTMLButtonElement>(null);
  const toggle = (which: "menu" | "save") => {
    setNotice(null);
    setPanel(open === which ? null : { which });
  };
  /** Esc: the panel closes and focus goes back where it came from (the prompt for `/`, else its button). */
  const dismiss = () => {
    setPanel(null);
    (panel?.fromPrompt ? composer.promptRef.current : panel?.which === "save" ? saveButton.current : menuButton.current)?.focus();
  };

  return (
    <div className="flex flex-col gap-2" data-testid="templates">
      <div className="flex flex-wrap items-center gap-2">
        <button ref={menuButton} type="button" className={BUTTON} aria-expanded={open === "menu"} aria-controls={menuId} title={T.menuHint} onClick={() => toggle("menu")}>
          {T.menu}
        </button>
        <button ref={saveButton} type="button" className={BUTTON} aria-expanded={open === "save"} aria-controls={saveId} onClick={() => toggle("save")}>
          {T.save}
        </button>
        <span role="status" aria-live="polite" className="text-xs text-zinc-600 dark:text-zinc-400">
          {notice}
        </span>
      </div>
      {open === "menu" && (
        <TemplateList
          composer={composer}
          id={menuId}
          onClose={dismiss}
          onChosen={(name) => {
            setPanel(null);
            setNotice(format(T.applied, { name }));
          }}
        />
      )}
      {open === "save" && (
        <SaveTemplateForm
          composer={composer}
          id={saveId}
          onClose={dismiss}
          onSaved={(name) => {
            setPanel(null);
            setNotice(format(T.saved, { name }));
          }}
        />
      )}
    </div>
  );
}

function TemplateList(props: { composer: TemplateTarget; id: string; onClose(): void; onChosen(name: string): void }) {
  const { t } = useStudio();
  const T = t.templates;
  const { composer } = props;
  const { data, error, isLoading } = useSWR(TEMPLATES_URL, templatesApi.list);
  const [q, setQ] = useState("");
  const searchId = useId();
  const shown = useMemo(() => (data?.items ?? []).filter((template) => matches(template, q)), [data, q]);

  function choose(template: Template) {
    composer.chooseTemplate(template);
    props.onChosen(template.name);
  }

  return (
    <div
      id={props.id}
      className={PANEL}
      onKeyDown={closeOnEscape(props.onClose)}
    >
      <label htmlFor={searchId} className="sr-only">
        {T.search}
      </label>
      <input id={searchId} type="search" autoFocus className={INPUT} placeholder={T.searchPlaceholder} value={q} onChange={(e) => setQ(e.target.value)} />
      {isLoading && <p className="text-sm text-zinc-600 dark:text-zinc-400">{T.loading}</p>}
      {error && <p className="text-sm text-rose-700 dark:text-rose-300">{T.loadFailed}</p>}
      {data && data.items.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">{T.none}</p>}
      {data && data.items.length > 0 && shown.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">{format(T.noMatch, { q })}</p>}
      {shown.length > 0 && (
        <ul aria-label={T.menu} className="flex max-h-72 flex-col gap-1 overflow-y-auto">
          {shown.map((template) => (
            <li key={template.id}>
              <button
                type="button"
                onClick={() => choose(template)}
                className="flex w-full flex-col items-start gap-0.5 rounded-lg px-2 py-1.5 text-left hover:bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:hover:bg-zinc-800"
              >
                <span className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
                  {template.name}
                  {template.visibility === "private" && <span className="ml-2 text-xs font-normal text-zinc-600 dark:text-zinc-400">{T.private}</span>}
                </span>
                <span className="line-clamp-1 text-xs text-zinc-600 dark:text-zinc-400">{template.prompt}</span>
                <span className="text-xs text-zinc-500 dark:text-zinc-400">
                  {format(T.by, { owner: template.owner })}
                  {template.variables.length > 0 && ` · ${format(T.blanks, { names: template.variables.join(", ") })}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SaveTemplateForm(props: { composer: TemplateTarget; id: string; onClose(): void; onSaved(name: string): void }) {
  const { t } = useStudio();
  const T = t.templates;
  const { composer } = props;
  const { mutate } = useSWR(TEMPLATES_URL, templatesApi.list, { revalidateOnMount: false });
  const [name, setName] = useState("");
  const [visibility, setVisibility] = useState<"team" | "private">("team");
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, run } = useBusy();
  const input = useRef<HTMLInputElement>(null);
  const nameId = useId();
  const errorId = useId();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!composer.prompt.trim()) return setProblem(T.promptRequired);
    if (!name.trim()) {
      setProblem(T.nameRequired);
      input.current?.focus();
      return;
    }
    await run(async () => {
      setProblem(null);
      try {
        const saved = await templatesApi.create({
          name: name.trim(),
          prompt: composer.prompt,
          model: composer.model,
          aspectRatio: composer.aspectRatio,
          imageSize: composer.imageSize,
          count: composer.count,
          // Uploaded pictures only: links and pictures still uploading stay out.
          references: composer.references.map((r) => r.value).filter((value) => value.startsWith("ref_")),
          visibility,
        });
        void mutate();
        props.onSaved(saved.name);
      } catch (e) {
        setProblem(errorText(e, t));
        input.current?.focus();
      }
    });
  }

  return (
    <form
      id={props.id}
      aria-label={T.saveHeading}
      noValidate
      onSubmit={submit}
      className={PANEL}
      onKeyDown={closeOnEscape(props.onClose)}
    >
      <label htmlFor={nameId} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {T.nameLabel}
      </label>
      <input
        ref={input}
        id={nameId}
        autoFocus
        maxLength={200}
        className={INPUT}
        placeholder={T.namePlaceholder}
        value={name}
        onChange={(e) => setName(e.target.value)}
        aria-invalid={problem !== null}
        aria-describedby={problem ? errorId : undefined}
      />
      <fieldset className="flex items-center gap-4 text-sm text-zinc-800 dark:text-zinc-200">
        <legend className="sr-only">{T.visibilityLabel}</legend>
        {(["team", "private"] as const).map((value) => (
          <label key={value} className="inline-flex items-center gap-1.5">
            <input type="radio" name={`${nameId}-visibility`} value={value} checked={visibility === value} onChange={() => setVisibility(value)} />
            {value === "team" ? T.team : T.onlyMe}
          </label>
        ))}
      </fieldset>
      {problem && (
        <p id={errorId} role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {problem}
        </p>
      )}
      <div className="flex gap-2">
        <BusyButton
          type="submit"
          busy={busy}
          busyLabel={T.saving}
          className="inline-flex items-center justify-center rounded-lg bg-zinc-900 px-3 py-1.5 text-sm font-semibold text-white hover:bg-zinc-700 disabled:opacity-60 dark:bg-amber-400 dark:text-zinc-950 dark:hover:bg-amber-300"
        >
          {T.saveButton}
        </BusyButton>
        <button type="button" onClick={props.onClose} className="rounded-lg px-3 py-1.5 text-sm text-zinc-700 ring-1 ring-zinc-300 hover:bg-zinc-50 dark:text-zinc-200 dark:ring-zinc-700 dark:hover:bg-zinc-800">
          {T.cancel}
        </button>
      </div>
    </form>
  );
}

/** Esc closes a panel, and only it: the key goes no further (a viewer or dialog behind stays as it is). */
function closeOnEscape(onClose: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key !== "Escape") return;
    e.preventDefault();
    e.stopPropagation();
    onClose();
  };
}
