"use client";
import { useRef, useState } from "react";
import { useStudio } from "@/components/studio/studio-context";
import { useEnteredBeforeHydration } from "@/lib/client/use-entered-before-hydration";
import { useComposer } from "./composer-api";

const ID = "composer-reference-url";

/**
 * A reference by link: only http(s). The studio checks it as it is added
 * (fetches it, decodes it, stores a copy): the link stays in the field when
 * it is refused, so it can be corrected.
 */
export function ReferenceUrlForm() {
  const { t } = useStudio();
  const { addUrl } = useComposer();
  const [url, setUrl] = useState("");
  const [checking, setChecking] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  // A link typed while the page's code was still loading is kept, not wiped.
  useEnteredBeforeHydration(field, setUrl);

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const value = url.trim();
        if (!value || checking) return;
        setChecking(true);
        void addUrl(value)
          .then((added) => {
            // Cleared only if the field still holds what was added.
            if (added) setUrl((now) => (now.trim() === value ? "" : now));
          })
          .finally(() => setChecking(false));
      }}
      className="mt-2 flex gap-2"
    >
      <label htmlFor={ID} className="sr-only">
        {t.composer.urlLabel}
      </label>
      <input
        ref={field}
        id={ID}
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        placeholder={t.composer.urlPlaceholder}
        className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-base text-zinc-900 shadow-xs placeholder:text-zinc-400 hover:border-zinc-400 focus:border-amber-500 focus:outline-none focus:ring-4 focus:ring-amber-500/15 sm:text-sm dark:border-zinc-700 dark:bg-zinc-950/40 dark:text-zinc-100 dark:placeholder:text-zinc-500"
      />
      <button
        type="submit"
        disabled={!url.trim() || checking}
        aria-busy={checking || undefined}
        className="shrink-0 rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-700 shadow-xs transition hover:bg-zinc-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800"
      >
        {t.composer.urlAdd}
      </button>
    </form>
  );
}
