"use client";
import { useId, useState, type DragEvent, type RefObject } from "react";
import { input } from "@/components/ui/styles";
import type { Dictionary } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";
import { MAX_RUN_TABLE_CHARS } from "@/lib/contract-values";

/** A .csv that could hold 100 rows with room; a bigger file is not a run's table. */
const MAX_FILE_BYTES = MAX_RUN_TABLE_CHARS;

/**
 * Where the table goes: a text area that takes a spreadsheet's paste
 * (tab-separated) or typed CSV, a .csv dropped on it, or one chosen from disk.
 */
export function TableInput(props: {
  t: Dictionary;
  value: string;
  placeholder: string;
  onChange(table: string): void;
  describedBy?: string;
  fieldRef?: RefObject<HTMLTextAreaElement | null>;
}) {
  // Read once: the compiler takes any read of an object holding a ref for a ref read during render.
  const { t, value, placeholder, onChange, describedBy, fieldRef } = props;
  const R = t.runDialog;
  const id = useId();
  const [fileError, setFileError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  async function take(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return setFileError(format(R.fileTooBig, { name: file.name }));
    try {
      setFileError(null);
      onChange(await file.text());
    } catch {
      setFileError(format(R.fileUnreadable, { name: file.name }));
    }
  }
  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    void take(e.dataTransfer.files[0]);
  }

  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label htmlFor={`${id}-table`} className="text-sm font-medium">
          {R.tableLabel}
        </label>
        <label className="cursor-pointer rounded-lg px-2 py-1 text-sm font-medium text-amber-800 ring-1 ring-amber-300 focus-within:ring-2 focus-within:ring-amber-500 hover:bg-amber-50 dark:text-amber-200 dark:ring-amber-500/40 dark:hover:bg-amber-500/10">
          {R.chooseFile}
          <input type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain" className="sr-only" onChange={(e) => void take(e.target.files?.[0])} />
        </label>
      </div>
      <textarea
        ref={fieldRef}
        id={`${id}-table`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        rows={6}
        spellCheck={false}
        placeholder={placeholder}
        aria-describedby={describedBy}
        className={`${input} min-h-32 w-full font-mono text-xs leading-relaxed ${dragging ? "ring-2 ring-amber-500" : ""}`}
      />
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{R.dropHint}</p>
      {fileError && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {fileError}
        </p>
      )}
    </div>
  );
}
