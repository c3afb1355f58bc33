"use client";
import { useId, useRef, useState, type FormEvent } from "react";
import { BusyButton, useBusy } from "@/components/ui/busy-button";
import { DialogActions } from "@/components/ui/dialog-actions";
import { FormError } from "@/components/ui/form-error";
import { DialogHeading, ModalDialog } from "@/components/ui/modal-dialog";
import { button, input, primary } from "@/components/ui/styles";
import type { Template } from "@/lib/contract-templates";
import { MAX_TEMPLATE_NAME } from "@/lib/contract-values";
import { errorText } from "@/lib/client/format";
import type { Dictionary } from "@/lib/i18n";
import { templatesPageApi } from "./templates-client";

/** A template's new name; the server checks it as it does a new one's (and who may). */
export function RenameDialog(props: { t: Dictionary; template: Template; onClose(): void; onRenamed(template: Template): void }) {
  const { t, template } = props;
  const P = t.templatesPage;
  const [name, setName] = useState(template.name);
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, run } = useBusy();
  const field = useRef<HTMLInputElement>(null);
  const ids = { title: useId(), body: useId(), name: useId() };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setProblem(P.nameRequired);
      field.current?.focus();
      return;
    }
    await run(async () => {
      try {
        props.onRenamed(await templatesPageApi.update(template.id, { name: name.trim() }));
      } catch (e) {
        setProblem(errorText(e, t));
        field.current?.focus();
      }
    });
  }

  return (
    <ModalDialog labelledBy={ids.title} describedBy={ids.body} busy={busy} onClose={props.onClose} onSubmit={submit} initialFocus={field}>
      <DialogHeading titleId={ids.title} title={P.renameTitle} bodyId={ids.body} body={P.renameBody} />
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
          onChange={(e) => setName(e.target.value)}
          aria-invalid={problem !== null}
        />
      </div>
      <FormError message={problem} />
      <DialogActions>
        <button type="button" className={button} onClick={props.onClose} disabled={busy}>
          {P.cancel}
        </button>
        <BusyButton busy={busy} busyLabel={P.saving} className={primary}>
          {P.saveName}
        </BusyButton>
      </DialogActions>
    </ModalDialog>
  );
}
