"use client";
import { useState } from "react";
import type { Generation } from "@/lib/contract";
import { ASPECT_RATIO_LABELS, effectiveSize, getModel } from "@/lib/models";
import { format } from "@/lib/i18n/format";
import { useStudio } from "@/components/studio/studio-context";
import { VersionsTree } from "@/components/versions/versions-tree";
import { useViewerEdits } from "@/components/versions/viewer-edits";
import { LightboxActions } from "./lightbox-actions";
import { CheckIcon, CopyIcon } from "@/components/ui/icons";
import { formatBytes, formatDate } from "@/lib/client/format";

/** The lightbox's side: the prompt, what the picture is, what can be done with it, and its versions. */
export function LightboxPanel(props: { generation: Generation; onClose(): void; onDeleted(id: string): void; onShow(id: string, g: Generation): void }) {
  const { t, locale, user } = useStudio();
  const edits = useViewerEdits();
  const g = props.generation;
  const image = g.image!;
  const L = t.gallery.lightbox;
  const rows: [string, React.ReactNode][] = [
    [L.model, getModel(g.model)?.label[locale] ?? g.model],
    [L.size, effectiveSize(g.model, g.imageSize)],
    [L.aspectRatio, ASPECT_RATIO_LABELS[g.aspectRatio][locale]],
    [L.dimensions, `${image.width} × ${image.height} px`],
    [L.fileSize, formatBytes(image.bytes, t, locale)],
    // The server's time zone may not be the browser's: the viewer in /p/<id>'s HTML is drawn anew once the page runs.
    [
      L.created,
      <time key="created" dateTime={g.createdAt} suppressHydrationWarning>
        {formatDate(g.createdAt, locale)}
      </time>,
    ],
    [L.createdBy, g.createdBy === user ? format(L.you, { name: g.createdBy }) : g.createdBy],
  ];

  return (
    <aside className="flex w-full shrink-0 flex-col gap-6 rounded-t-2xl bg-white p-5 text-zinc-900 sm:p-6 lg:h-full lg:w-[400px] lg:overflow-y-auto lg:rounded-none dark:bg-zinc-900 dark:text-zinc-100">
      <PromptSection key={`prompt-${g.id}`} prompt={g.prompt} />

      <LightboxActions key={`actions-${g.id}`} generation={g} onClose={props.onClose} onDeleted={props.onDeleted} />

      {/* Its tree, once it has more than one version (or one was just made here). */}
      <VersionsTree generation={g} wanted={g.versions > 1 || edits.grew(g.rootId)} onShow={props.onShow} />

      <section>
        <h2 className="text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">{L.details}</h2>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
              <dd className="min-w-0 text-right font-medium break-words text-zinc-800 dark:text-zinc-200">{value}</dd>
            </div>
          ))}
        </dl>
        {g.cancelledAt && <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">{t.gallery.card.arrivedAfterCancel}</p>}
      </section>

      {g.references.length > 0 && (
        <section>
          <h2 className="text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">{L.references}</h2>
          <ul className="mt-3 flex flex-wrap gap-2">
            {g.references.map((ref, i) => (
              <li key={ref.url}>
                <a
                  href={ref.url}
                  target="_blank"
                  rel="noreferrer"
                  className="block overflow-hidden rounded-lg ring-1 ring-zinc-900/10 transition hover:ring-amber-400 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:ring-white/10"
                >
                  <img
                    src={ref.url}
                    alt={format(L.reference, { index: i + 1 })}
                    loading="lazy"
                    className="size-16 bg-zinc-100 object-cover dark:bg-zinc-800"
                  />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Plain http on a LAN address has no Clipboard API: fall back to a hidden textarea.
    const active = document.activeElement as HTMLElement | null;
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.cssText = "position:fixed;top:0;left:0;opacity:0";
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    area.remove();
    active?.focus();
    return ok;
  }
}

function PromptSection({ prompt }: { prompt: string }) {
  const { t } = useStudio();
  const L = t.gallery.lightbox;
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <section>
      <div className="flex items-center justify-between gap-3">
        <h2 className="text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">{L.prompt}</h2>
        <div className="flex items-center gap-2">
          <span role="status" className="text-xs font-medium text-emerald-600 dark:text-emerald-400">
            {state === "copied" ? L.copied : ""}
          </span>
          <button
            type="button"
            onClick={async () => {
              const ok = await copyText(prompt);
              setState(ok ? "copied" : "failed");
              if (ok) setTimeout(() => setState((s) => (s === "copied" ? "idle" : s)), 2000);
            }}
            className="inline-flex items-center gap-1.5 rounded-lg px-2.5 py-1.5 text-xs font-medium text-zinc-700 ring-1 ring-zinc-200 transition hover:bg-zinc-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:text-zinc-200 dark:ring-zinc-700 dark:hover:bg-zinc-800"
          >
            {state === "copied" ? <CheckIcon className="size-3.5 text-emerald-600 dark:text-emerald-400" /> : <CopyIcon className="size-3.5" />}
            {L.copyPrompt}
          </button>
        </div>
      </div>
      <p className="mt-2 max-h-56 overflow-y-auto text-[15px] leading-relaxed break-words whitespace-pre-wrap">{prompt}</p>
      {state === "failed" && (
        <p role="alert" className="mt-2 text-xs text-rose-600 dark:text-rose-400">
          {L.copyFailed}
        </p>
      )}
    </section>
  );
}
