"use client";
import { useStudio } from "@/components/studio/studio-context";
import { format } from "@/lib/i18n/format";
import { MAX_REFERENCES } from "@/lib/models";
import { useComposer } from "./composer-api";
import { FieldAlert, FieldLabel } from "./field-alert";
import { PlusIcon, Spinner } from "@/components/ui/icons";
import { UploadIcon } from "./icons";
import { ReferenceThumb } from "./reference-thumb";
import { ReferenceUrlForm } from "./reference-url-form";

export const REFERENCE_INPUT_ID = "composer-references-input";

/** Reference images: the file input, the thumbnails, a link field and every message about them. */
export function ReferenceTray(props: { refused: Map<string, string>; trayProblem: string | null }) {
  const { t } = useStudio();
  const { references, preparingReferences, addFiles, removeReference, clearReferences, referenceError } = useComposer();
  const used = references.length + preparingReferences;
  const full = used >= MAX_REFERENCES;
  const empty = used === 0;
  const uploadProblems = references.flatMap((r, i) =>
    r.upload?.state === "failed"
      ? [format(t.composer.uploadFailed, { n: i + 1, name: r.name, reason: r.upload.reason ?? t.composer.uploadNetwork })]
      : [],
  );
  const messages = [referenceError, props.trayProblem, ...uploadProblems, ...references.flatMap((r) => props.refused.get(r.id) ?? [])].filter(Boolean);

  return (
    <div className="group/tray">
      <div className="mb-1.5 flex items-center justify-between gap-2">
        <FieldLabel id="composer-references-label">{t.composer.referencesLabel}</FieldLabel>
        <div className="flex items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400">
          {references.length > 0 && (
            <button
              type="button"
              onClick={clearReferences}
              className="rounded-md px-1.5 py-0.5 font-medium hover:bg-zinc-100 hover:text-zinc-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
            >
              {t.composer.clearReferences}
            </button>
          )}
          <span className={`tabular-nums ${full ? "font-semibold text-amber-700 dark:text-amber-400" : ""}`}>
            {format(t.composer.referencesCount, { n: used, max: MAX_REFERENCES })}
          </span>
        </div>
      </div>

      <input
        id={REFERENCE_INPUT_ID}
        type="file"
        multiple
        accept="image/*"
        aria-label={t.composer.referencesLabel}
        tabIndex={full ? -1 : 0}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          // Cleared so that choosing the same file again still fires a change.
          e.target.value = "";
          if (files.length) void addFiles(files);
        }}
        className="sr-only"
      />

      {empty ? (
        <label
          htmlFor={REFERENCE_INPUT_ID}
          className="flex cursor-pointer items-center gap-3 rounded-xl border-2 border-dashed border-zinc-300 px-4 py-3.5 text-left transition-colors hover:border-amber-400 hover:bg-amber-50/50 group-has-[#composer-references-input:focus-visible]/tray:border-amber-500 group-has-[#composer-references-input:focus-visible]/tray:ring-4 group-has-[#composer-references-input:focus-visible]/tray:ring-amber-500/15 dark:border-zinc-700 dark:hover:border-amber-500/60 dark:hover:bg-amber-500/5"
        >
          <span className="grid size-9 shrink-0 place-items-center rounded-lg bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400">
            <UploadIcon className="size-[18px]" />
          </span>
          <span className="min-w-0">
            <span className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">{t.composer.referencesEmpty}</span>
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">
              {format(t.composer.referencesEmptyHint, { max: MAX_REFERENCES })}
            </span>
          </span>
        </label>
      ) : (
        <div className="flex flex-wrap gap-2">
          {references.length > 0 && (
            <ul aria-label={t.composer.selectedReferences} className="flex flex-wrap gap-2">
              {references.map((item, index) => (
                <ReferenceThumb
                  key={item.id}
                  item={item}
                  index={index}
                  problem={props.refused.has(item.id)}
                  onRemove={() => removeReference(item.id)}
                />
              ))}
            </ul>
          )}
          {Array.from({ length: preparingReferences }, (_, i) => (
            <div
              key={i}
              title={t.composer.preparing}
              className="grid size-16 shrink-0 place-items-center rounded-xl bg-zinc-100 text-zinc-400 ring-1 ring-zinc-200 dark:bg-zinc-800 dark:ring-zinc-700"
            >
              <Spinner className="size-5" />
              <span className="sr-only">{t.composer.preparing}</span>
            </div>
          ))}
          {!full && (
            <label
              htmlFor={REFERENCE_INPUT_ID}
              title={t.composer.addImages}
              className="grid size-16 shrink-0 cursor-pointer place-items-center rounded-xl border-2 border-dashed border-zinc-300 text-zinc-500 transition-colors hover:border-amber-400 hover:bg-amber-50/50 hover:text-amber-700 group-has-[#composer-references-input:focus-visible]/tray:border-amber-500 group-has-[#composer-references-input:focus-visible]/tray:ring-4 group-has-[#composer-references-input:focus-visible]/tray:ring-amber-500/15 dark:border-zinc-700 dark:text-zinc-400 dark:hover:border-amber-500/60 dark:hover:bg-amber-500/5 dark:hover:text-amber-300"
            >
              <PlusIcon strokeWidth={2} className="size-5" />
              <span className="sr-only">{t.composer.addImages}</span>
            </label>
          )}
        </div>
      )}

      <ReferenceUrlForm />
      {messages.length > 0 && <FieldAlert>{messages.join("\n")}</FieldAlert>}
    </div>
  );
}
