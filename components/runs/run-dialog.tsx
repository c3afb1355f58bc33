"use client";
import { useRouter } from "next/navigation";
import { useId, useMemo, useRef, useState } from "react";
import { newIdempotencyKey } from "@/lib/client/idempotency-key";
import { BusyButton, useBusy } from "@/components/ui/busy-button";
import { DialogActions } from "@/components/ui/dialog-actions";
import { FormError } from "@/components/ui/form-error";
import { DialogHeading, ModalDialog } from "@/components/ui/modal-dialog";
import { button, primary } from "@/components/ui/styles";
import { ApiError } from "@/lib/client/api";
import { runsApi } from "@/lib/client/runs-api";
import { tableIssueText } from "./table-issue-text";
import type { Template } from "@/lib/contract-templates";
import { templateVariables } from "@/lib/contract-values";
import type { Dictionary, Locale } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import { picturesText, runRefusal, RunPreviewPanel } from "./run-preview";
import { TableInput } from "./table-input";
import { useRunPreview } from "./use-run-preview";

/** What a run needs of its template: the saved prompt's blanks and the pictures per row. */
export type RunTemplate = Pick<Template, "id" | "name" | "prompt" | "count">;

/** Mistakes listed at once; the rest are counted. */
const SHOWN_ISSUES = 8;

/**
 * A template run once per row of a table: paste or drop it, read every
 * prompt, the price and what it leaves, then confirm. Nothing is sent before
 * the confirmation; the run then opens in the gallery (?run=…).
 */
export function RunDialog(props: { t: Dictionary; locale: Locale; template: RunTemplate; onClose(): void }) {
  const { t, locale, template } = props;
  const R = t.runDialog;
  const id = useId();
  const router = useRouter();
  const blanks = useMemo(() => templateVariables(template.prompt), [template.prompt]);
  const [table, setTable] = useState("");
  // One key per table: a second click on the same table is the same run.
  const key = useMemo(() => ({ table, key: newIdempotencyKey() }), [table]);
  const state = useRunPreview(template.id, blanks, table);
  const { busy, run } = useBusy();
  const [startError, setStartError] = useState<string | null>(null);
  const tableField = useRef<HTMLTextAreaElement>(null);

  const preview = state.kind === "ready" ? state.preview : null;
  const refusal = preview ? runRefusal(preview, R, locale) : null;
  const canRun = preview !== null && refusal === null;

  async function start() {
    if (!canRun) return;
    setStartError(null);
    await run(async () => {
      try {
        const started = await runsApi.start(template.id, table, key.key);
        props.onClose();
        router.push(`/?run=${encodeURIComponent(started.id)}`);
      } catch (error) {
        setStartError(format(R.startFailed, { message: error instanceof ApiError ? error.message : String(error) }));
      }
    });
  }

  return (
    <ModalDialog labelledBy={`${id}-title`} describedBy={`${id}-intro`} size="wide" busy={busy} onClose={props.onClose} initialFocus={tableField}>
      <DialogHeading
        titleId={`${id}-title`}
        title={format(R.title, { name: template.name })}
        bodyId={`${id}-intro`}
        body={format(R.intro, { blanks: blanks.join(", "), count: picturesText(template.count, R, locale) })}
      />
      <TableInput t={t} value={table} placeholder={`${blanks.join("\t")}\n${blanks.map(() => "…").join("\t")}`} onChange={setTable} describedBy={`${id}-state`} fieldRef={tableField} />
      <div id={`${id}-state`} aria-live="polite" className="flex flex-col gap-2">
        {state.kind === "checking" && <p className="text-sm text-zinc-600 dark:text-zinc-400">{R.checking}</p>}
        {state.kind === "failed" && <FormError message={format(R.previewFailed, { message: state.message })} />}
        {state.kind === "invalid" && (
          <div className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950/50 dark:text-rose-200">
            <p className="font-medium">{R.issuesTitle}</p>
            <ul className="mt-1 list-disc pl-5">
              {state.parsed.issues.slice(0, SHOWN_ISSUES).map((issue) => (
                <li key={issue.path}>{tableIssueText(issue, R, blanks)}</li>
              ))}
            </ul>
            {state.parsed.issues.length > SHOWN_ISSUES && <p>{format(R.moreIssues, { count: state.parsed.issues.length - SHOWN_ISSUES })}</p>}
          </div>
        )}
      </div>
      {preview && <RunPreviewPanel t={t} locale={locale} preview={preview} blanks={blanks} each={template.count} refusalId={`${id}-refusal`} />}
      <FormError message={startError} />
      <DialogActions>
        <button type="button" className={button} onClick={props.onClose} disabled={busy}>
          {R.cancel}
        </button>
        <BusyButton
          type="button"
          busy={busy}
          busyLabel={R.starting}
          className={primary}
          disabled={!canRun}
          aria-describedby={refusal ? `${id}-refusal` : `${id}-state`}
          onClick={() => void start()}
        >
          {format(R.confirm, { pictures: picturesText(preview?.pictures ?? 0, R, locale) })}
        </BusyButton>
      </DialogActions>
    </ModalDialog>
  );
}
