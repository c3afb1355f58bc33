import { AlertCircleIcon } from "./icons";

/** A problem shown right where it happened, announced as it appears. */
export function FieldAlert({ id, children }: { id?: string; children: React.ReactNode }) {
  return (
    <div
      id={id}
      role="alert"
      className="mt-2 flex items-start gap-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200 dark:bg-red-950/40 dark:text-red-200 dark:ring-red-900/60"
    >
      <AlertCircleIcon className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 whitespace-pre-line break-words">{children}</div>
    </div>
  );
}

/** The small caption above each control, which names it (ids feed aria-labelledby). */
export function FieldLabel({ id, htmlFor, children }: { id?: string; htmlFor?: string; children: React.ReactNode }) {
  const className = "text-[13px] font-semibold text-zinc-800 dark:text-zinc-200";
  return htmlFor ? (
    <label id={id} htmlFor={htmlFor} className={className}>
      {children}
    </label>
  ) : (
    <span id={id} className={className}>
      {children}
    </span>
  );
}
