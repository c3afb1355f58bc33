"use client";
import { useState } from "react";
import { button } from "@/components/ui/styles";
import { templateVariables } from "@/lib/contract-values";
import type { Dictionary, Locale } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import { RunDialog, type RunTemplate } from "./run-dialog";

/** "Run from a table…" for a template with blanks (one without has nothing to fill); opens the run dialog. */
export function RunButton(props: { t: Dictionary; locale: Locale; template: RunTemplate; className?: string }) {
  const [open, setOpen] = useState(false);
  if (templateVariables(props.template.prompt).length === 0) return null;
  const R = props.t.runDialog;
  return (
    <>
      <button type="button" className={props.className ?? button} aria-label={format(R.openLabel, { name: props.template.name })} onClick={() => setOpen(true)}>
        {R.open}
      </button>
      {open && <RunDialog t={props.t} locale={props.locale} template={props.template} onClose={() => setOpen(false)} />}
    </>
  );
}
