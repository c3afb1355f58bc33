import { operations, TAGS, type TagName } from "@/lib/openapi/routes";

const METHOD_CLASS: Record<string, string> = {
  get: "bg-sky-100 text-sky-800 dark:bg-sky-500/15 dark:text-sky-300",
  post: "bg-emerald-100 text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-300",
  put: "bg-amber-100 text-amber-900 dark:bg-amber-500/15 dark:text-amber-200",
  patch: "bg-amber-100 text-amber-900 dark:bg-amber-500/15 dark:text-amber-200",
  delete: "bg-rose-100 text-rose-800 dark:bg-rose-500/15 dark:text-rose-300",
};

/**
 * Every operation of the API by tag, drawn on the server from the same table
 * as /api/openapi.json (lib/openapi/routes.ts): what the page shows from its
 * first paint while the interactive reference loads, or if it cannot.
 */
export function OperationIndex({ heading }: { heading: string }) {
  const tags = Object.keys(TAGS) as TagName[];
  return (
    <section aria-labelledby="operations-heading" className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-5 dark:bg-zinc-900 dark:ring-zinc-800">
      <h2 id="operations-heading" className="text-base font-semibold">
        {heading}
      </h2>
      <div className="mt-3 grid gap-x-8 gap-y-4 lg:grid-cols-2">
        {tags.map((tag) => {
          const ops = operations.filter((op) => op.tag === tag);
          if (ops.length === 0) return null;
          return (
            <section key={tag} aria-label={tag}>
              <h3 className="text-sm font-semibold">{tag}</h3>
              <p className="text-xs text-zinc-600 dark:text-zinc-400">{TAGS[tag]}</p>
              <ul className="mt-1.5 flex flex-col gap-1">
                {ops.map((op) => (
                  <li key={`${op.method} ${op.path}`} className="flex min-w-0 items-baseline gap-2 text-sm">
                    <span className={`w-14 shrink-0 rounded px-1.5 py-0.5 text-center font-mono text-[11px] font-semibold uppercase ${METHOD_CLASS[op.method]}`}>{op.method}</span>
                    <code className="min-w-0 font-mono text-xs break-all">{op.path}</code>
                    <span className="ml-auto shrink-0 text-xs text-zinc-600 max-sm:hidden dark:text-zinc-400">{op.summary}</span>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </section>
  );
}
