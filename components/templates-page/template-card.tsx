"use client";
import { useRef, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { button, primary } from "@/components/ui/styles";
import type { Template } from "@/lib/contract-templates";
import { errorText } from "@/lib/client/format";
import type { Dictionary, Locale } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import { HighlightedPrompt } from "./highlighted-prompt";
import { RunButton } from "@/components/runs/run-button";
import { copyName } from "./picture-template";
import { RenameDialog } from "./rename-dialog";
import { TemplatePictures } from "./template-pictures";
import { templatesPageApi } from "./templates-client";

/** What a card tells the page: a sentence for its status line (or alert), and that the list changed. */
export type CardOutcome = { text: string; tone: "ok" | "error"; changed: boolean };

/**
 * One template: its name, prompt with the blanks marked, who made it, who
 * sees it, how often it was used, a few of its pictures; Use and Copy for
 * everyone who sees it; Rename, the visibility and Delete where the server
 * says `canManage`. Only its owner may make it private (an admin managing a
 * team one may not: lib/templates/templates.ts), so the switch is theirs.
 */
export function TemplateCard(props: {
  t: Dictionary;
  locale: Locale;
  me: string;
  template: Template;
  onOutcome(outcome: CardOutcome): void;
  /** Where focus goes once the template (and its card, with the Delete button) is gone. */
  focusAfterDelete(): HTMLElement | null;
}) {
  const { t, template, onOutcome } = props;
  const P = t.templatesPage;
  const [renaming, setRenaming] = useState(false);
  const [confirm, setConfirm] = useState<{ busy: boolean; error: string | null } | null>(null);
  const [working, setWorking] = useState(false);
  const deleted = useRef(false);
  const own = template.owner === props.me;
  const fail = (e: unknown) => onOutcome({ text: errorText(e, t), tone: "error", changed: false });

  async function act(work: () => Promise<string>) {
    if (working) return;
    setWorking(true);
    try {
      onOutcome({ text: await work(), tone: "ok", changed: true });
    } catch (e) {
      fail(e);
    } finally {
      setWorking(false);
    }
  }

  const copy = () =>
    act(async () => {
      const made = await templatesPageApi.copy(template, copyName(template.name, P.copyName));
      return format(P.copied, { name: made.name });
    });
  const toggleVisibility = () =>
    act(async () => {
      const visibility = template.visibility === "team" ? "private" : "team";
      await templatesPageApi.update(template.id, { visibility });
      return format(visibility === "private" ? P.madePrivate : P.madeTeam, { name: template.name });
    });

  async function remove() {
    setConfirm({ busy: true, error: null });
    try {
      await templatesPageApi.remove(template.id);
    } catch (e) {
      setConfirm({ busy: false, error: errorText(e, t) });
      return;
    }
    deleted.current = true;
    setConfirm(null);
    onOutcome({ text: format(P.deleted, { name: template.name }), tone: "ok", changed: true });
  }

  const uses = template.uses === 0 ? P.usesNone : template.uses === 1 ? P.usesOne : format(P.usesMany, { count: template.uses });
  return (
    <article aria-labelledby={`template-${template.id}`} className="flex h-full flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      <header className="flex flex-wrap items-start justify-between gap-2">
        <h2 id={`template-${template.id}`} className="min-w-0 text-base font-semibold break-words">
          {template.name}
        </h2>
        <span
          className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ${
            template.visibility === "team"
              ? "bg-sky-100 text-sky-900 dark:bg-sky-400/15 dark:text-sky-200"
              : "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
          }`}
        >
          {template.visibility === "team" ? P.team : P.onlyMe}
        </span>
      </header>
      <HighlightedPrompt
        prompt={template.prompt}
        variables={template.variables}
        blankLabel={P.blank}
        className="line-clamp-5 text-sm leading-relaxed break-words whitespace-pre-wrap text-zinc-800 dark:text-zinc-200"
      />
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {format(P.by, { owner: template.owner })} · {uses}
      </p>
      <TemplatePictures templateId={template.id} name={template.name} label={P.picturesLabel} />
      <div className="mt-auto flex flex-wrap gap-2">
        {/* The studio reads ?template= and puts the template in the composer. */}
        <a href={`/?template=${encodeURIComponent(template.id)}`} aria-label={format(P.useLabel, { name: template.name })} className={primary}>
          {P.use}
        </a>
        <RunButton t={t} locale={props.locale} template={template} />
        <button type="button" className={button} disabled={working} aria-label={format(P.copyLabel, { name: template.name })} onClick={copy}>
          {P.copy}
        </button>
        {template.canManage && (
          <>
            <button type="button" className={button} aria-label={format(P.renameLabel, { name: template.name })} onClick={() => setRenaming(true)}>
              {P.rename}
            </button>
            {own && (
              <button
                type="button"
                className={button}
                disabled={working}
                aria-label={format(template.visibility === "team" ? P.makePrivateLabel : P.makeTeamLabel, { name: template.name })}
                onClick={toggleVisibility}
              >
                {template.visibility === "team" ? P.makePrivate : P.makeTeam}
              </button>
            )}
            <button
              type="button"
              className={`${button} text-rose-700 ring-rose-200 hover:bg-rose-50 dark:text-rose-300 dark:ring-rose-500/30 dark:hover:bg-rose-500/10`}
              aria-label={format(P.deleteLabel, { name: template.name })}
              onClick={() => setConfirm({ busy: false, error: null })}
            >
              {P.delete}
            </button>
          </>
        )}
      </div>
      {renaming && (
        <RenameDialog
          t={t}
          template={template}
          onClose={() => setRenaming(false)}
          onRenamed={(renamed) => {
            setRenaming(false);
            onOutcome({ text: format(P.renamed, { name: renamed.name }), tone: "ok", changed: true });
          }}
        />
      )}
      {confirm && (
        <ConfirmDialog
          title={P.deleteTitle}
          body={format(P.deleteBody, { name: template.name })}
          confirmLabel={P.deleteConfirm}
          cancelLabel={P.cancel}
          busyLabel={P.deleting}
          busy={confirm.busy}
          error={confirm.error}
          onConfirm={() => void remove()}
          onCancel={() => setConfirm(null)}
          // Cancelled: back to Delete (null); deleted: the card goes, focus moves on.
          returnFocus={() => (deleted.current ? props.focusAfterDelete() : null)}
        />
      )}
    </article>
  );
}
