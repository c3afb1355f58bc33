"use client";
import { useEffect, useRef, useState } from "react";
import { button, primary } from "@/components/ui/styles";
import type { Dictionary } from "@/lib/i18n";
import { format } from "@/lib/i18n/format";

/** A token just made: its secret, shown this once, to copy now. */
export function NewToken(props: { t: Dictionary; name: string; token: string; onDone(): void }) {
  const T = props.t.tokens;
  const heading = useRef<HTMLHeadingElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const [base, setBase] = useState("");

  useEffect(() => {
    heading.current?.focus();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the origin exists in the browser only: the server's HTML has none, and hydration must match it
    setBase(window.location.origin);
  }, [props.token]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(props.token);
      setCopied("yes");
    } catch {
      // No clipboard (an http:// origin that is not localhost): select it for Ctrl+C.
      field.current?.select();
      setCopied("failed");
    }
  }

  return (
    <section aria-labelledby="new-token-heading" className="rounded-2xl bg-amber-50 p-4 ring-1 ring-amber-300 sm:p-5 dark:bg-amber-500/10 dark:ring-amber-500/40">
      <h2 id="new-token-heading" ref={heading} tabIndex={-1} className="text-base font-semibold break-words outline-none">
        {format(T.newHeading, { name: props.name })}
      </h2>
      <p className="mt-1 text-sm font-medium text-amber-900 dark:text-amber-200">{T.newWarning}</p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <label className="sr-only" htmlFor="new-token-secret">
          {T.secretLabel}
        </label>
        <input
          ref={field}
          id="new-token-secret"
          readOnly
          value={props.token}
          spellCheck={false}
          autoComplete="off"
          onFocus={(e) => e.target.select()}
          className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button type="button" className={primary} onClick={() => void copy()}>
          {copied === "yes" ? T.copied : T.copy}
        </button>
        <button type="button" className={button} onClick={props.onDone}>
          {T.dismiss}
        </button>
      </div>
      <p role="status" className="mt-2 text-xs text-zinc-700 dark:text-zinc-300">
        {copied === "yes" ? T.copied : copied === "failed" ? T.copyFailed : ""}
      </p>
      {base && <p className="mt-1 text-xs break-words text-zinc-700 dark:text-zinc-300">{format(T.howToUse, { base })}</p>}
    </section>
  );
}
