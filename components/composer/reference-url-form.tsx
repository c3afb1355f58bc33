"use client";
import { useState } from "react";
import { useStudio } from "@/components/studio/studio-context";
import { MAX_REFERENCES } from "@/lib/models";
import { useComposer } from "./composer-api";
import { isHttpUrl } from "./reference-sources";

const ID = "composer-reference-url";

/** A reference by link: only http(s); the gateway fetches it, not the studio. */
export function ReferenceUrlForm() {
  const { t } = useStudio();
  const { addUrl, references, preparingReferences } = useComposer();
  const [url, setUrl] = useState("");

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!url.trim()) return;
        const value = url.trim();
        const fits = references.length + preparingReferences < MAX_REFERENCES;
        const fresh = !references.some((r) => r.value === value);
        addUrl(value);
        if (isHttpUrl(value) && fits && fresh) setUrl("");
      }}
      className="mt-2 flex gap-2"
    >
      <label htmlFor={ID} className="sr-only">
        {t.composer.urlLabel}
      </label>
      <input
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
        disabled={!url.trim()}
        className="shrink-0 rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-700 shadow-xs transition hover:bg-zinc-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800"
      >
        {t.composer.urlAdd}
      </button>
    </form>
  );
}
