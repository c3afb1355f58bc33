"use client";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import useSWR from "swr";
import { BusyButton, useBusy } from "@/components/ui/busy-button";
import { DialogActions } from "@/components/ui/dialog-actions";
import { FormError } from "@/components/ui/form-error";
import { DialogHeading, ModalDialog } from "@/components/ui/modal-dialog";
import { button, input, primary } from "@/components/ui/styles";
import type { Generation } from "@/lib/contract";
import { MAX_TEMPLATE_NAME, templateVariables } from "@/lib/contract-values";
import { errorText } from "@/lib/client/format";
import type { Dictionary, Locale } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import { ASPECT_RATIO_LABELS, effectiveSize, getModel } from "@/lib/models";
import { fitName, templateFromPicture } from "./picture-template";
import { TEMPLATES_URL, templatesPageApi } from "./templates-client";

const NAME_FROM_PROMPT = 60;

/**
 * Save as template from a picture (the viewer's button, a card's): a name
 * (the prompt's start to begin with) and who sees it; the prompt, settings
 * and stored references come from the picture. Anyone who sees the picture
 * may: the server takes a finished picture's references from whoever
 * uploaded them (lib/templates/templates.ts). Once saved, the dialog says so
 * and offers the templates page.
 */
export function SavePictureDialog(props: { t: Dictionary; locale: Locale; generation: Generation; onClose(): void }) {
  const { t, locale, generation: g } = props;
  const P = t.templatesPage;
  const F = P.fromPicture;
  const { fields, linksLeftOut } = templateFromPicture(g);
  const [name, setName] = useState(() => fitName(g.prompt, NAME_FROM_PROMPT));
  // The picture's words, to turn into {blanks} where they should change from picture to picture.
  const [prompt, setPrompt] = useState(g.prompt);
  const blanks = templateVariables(prompt);
  const [visibility, setVisibility] = useState<"team" | "private">("team");
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, run } = useBusy();
  // The composer's Templates menu, if the page has one, lists the new one too.
  const { mutate } = useSWR(TEMPLATES_URL, templatesPageApi.list, { revalidateOnMount: false });
  const field = useRef<HTMLInputElement>(null);
  const done = useRef<HTMLButtonElement>(null);
  const ids = { title: useId(), body: useId(), name: useId(), prompt: useId(), blanks: useId() };
  // Saved: Done takes the focus from the Save button it replaces.
  useEffect(() => {
    if (saved) done.current?.focus();
  }, [saved]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saved) return;
    if (!name.trim()) {
      setProblem(P.nameRequired);
      field.current?.focus();
      return;
    }
    if (!prompt.trim()) return setProblem(t.templates.promptRequired);
    await run(async () => {
      try {
        const template = await templatesPageApi.create({ ...fields, prompt: prompt.trim(), name: name.trim(), visibility });
        setProblem(null);
        setSaved(template.name);
        void mutate();
      } catch (e) {
        setProblem(errorText(e, t));
        field.current?.focus();
      }
    });
  }

  const settings = [getModel(g.model)?.label[locale] ?? g.model, ASPECT_RATIO_LABELS[g.aspectRatio][locale], effectiveSize(g.model, g.imageSize)].join(" · ");
  return (
    <ModalDialog labelledBy={ids.title} describedBy={ids.body} busy={busy} onClose={props.onClose} onSubmit={submit} initialFocus={field} size="wide">
      <DialogHeading titleId={ids.title} title={F.title} bodyId={ids.body} body={F.body} />
      <div className="flex flex-col gap-1.5">
        <label htmlFor={ids.prompt} className="text-sm font-medium">
          {F.prompt}
        </label>
        <textarea
          id={ids.prompt}
          className={`${input} min-h-20`}
          rows={3}
          value={prompt}
          readOnly={saved !== null}
          onChange={(e) => setPrompt(e.target.value)}
          aria-describedby={ids.blanks}
        />
        <p id={ids.blanks} className="text-xs text-zinc-600 dark:text-zinc-400">
          {F.promptHint} <span className="font-medium text-zinc-800 dark:text-zinc-200">{blanks.length ? format(F.blanks, { names: blanks.join(", ") }) : F.noBlanks}</span>
        </p>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
        <dt className="text-zinc-500 dark:text-zinc-400">{F.settings}</dt>
        <dd className="min-w-0">{settings}</dd>
      </dl>
      {fields.references.length > 0 && <p className="text-sm text-zinc-700 dark:text-zinc-300">{format(F.references, { count: fields.references.length })}</p>}
      {linksLeftOut && <p className="text-sm text-zinc-600 dark:text-zinc-400">{F.linksLeftOut}</p>}
      <div className="flex flex-col gap-1.5">
        <label htmlFor={ids.name} className="text-sm font-medium">
          {P.nameLabel}
        </label>
        <input
          ref={field}
          id={ids.name}
          className={input}
          maxLength={MAX_TEMPLATE_NAME}
          value={name}
          readOnly={saved !== null}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={problem !== null}
        />
      </div>
      <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" disabled={saved !== null}>
        <legend className="mb-1 font-medium">
          {F.visibilityLabel}
        </legend>
        {(["team", "private"] as const).map((value) => (
          <label key={value} className="inline-flex items-center gap-1.5">
            <input type="radio" name={`${ids.name}-visibility`} value={value} checked={visibility === value} onChange={() => setVisibility(value)} className="accent-amber-500" />
            {value === "team" ? P.team : P.onlyMe}
          </label>
        ))}
      </fieldset>
      <FormError message={problem} />
      <p role="status" className="text-sm font-medium text-emerald-700 empty:-mt-4 dark:text-emerald-300">
        {saved ? format(F.saved, { name: saved }) : ""}
      </p>
      <DialogActions>
        {saved ? (
          <>
            <a href="/templates" className={button}>
              {F.open}
            </a>
            <button ref={done} type="button" className={primary} onClick={props.onClose}>
              {F.done}
            </button>
          </>
        ) : (
          <>
            <button type="button" className={button} onClick={props.onClose} disabled={busy}>
              {P.cancel}
            </button>
            <BusyButton busy={busy} busyLabel={P.saving} className={primary}>
              {F.save}
            </BusyButton>
          </>
        )}
      </DialogActions>
    </ModalDialog>
  );
}
