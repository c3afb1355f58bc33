"use client";
import { useRef, useState } from "react";
import type { Generation } from "@/lib/contract";
import { ApiError } from "@/lib/client/api";
import { formatMoney } from "@/lib/client/money";
import { requestFit } from "@/lib/client/request-fit";
import { format } from "@/lib/i18n/format";
import { effectiveSize, type ImageSize, type ModelId } from "@/lib/models";
import { useStudio } from "@/components/studio/studio-context";
import { describeFailure } from "@/components/composer/describe-failure";
import { newIdempotencyKey } from "@/lib/client/idempotency-key";
import { useSessionLimits } from "@/components/composer/use-session-limits";
import { SparkIcon, Spinner, StackIcon } from "@/components/ui/icons";
import { capPrompt, useViewerEdits, type NewVersion } from "./viewer-edits";

const BASE =
  "inline-flex min-w-0 items-center justify-center gap-2 px-2.5 py-2.5 text-sm font-medium whitespace-nowrap text-zinc-800 transition hover:bg-zinc-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 disabled:opacity-60 dark:text-zinc-100 dark:hover:bg-zinc-800";
const BUTTON = `${BASE} rounded-xl ring-1 ring-zinc-200 dark:ring-zinc-700`;

/** Render larger: Nano Banana Pro at a bigger size, the picture as its start. */
const LARGER_MODEL: ModelId = "nano_banana_pro";
const LARGER_SIZES = ["2K", "4K"] as const satisfies readonly ImageSize[];
type LargerSize = (typeof LARGER_SIZES)[number];
type Kind = "vary" | "larger";

/**
 * Vary (the same prompt and settings, the picture as parent) and Render
 * larger (Nano Banana Pro at 2K or 4K, the picture as parent, asked to keep
 * it unchanged). Both are new generations and say so, with their price when
 * the session's quote has one; their result appears like an edit's.
 */
export function NewVersionActions({ generation: g }: { generation: Generation }) {
  const { t, locale } = useStudio();
  const edits = useViewerEdits();
  const { limits } = useSessionLimits();
  const N = t.versions.newVersion;
  const [largerSize, setLargerSize] = useState<LargerSize>("2K");
  const [busy, setBusy] = useState<Kind | null>(null);
  const [problem, setProblem] = useState<{ title: string; detail: string | null } | null>(null);
  // After a network error the request may have arrived: the same one again reuses its key.
  const unsure = useRef<{ body: string; key: string } | null>(null);

  const requests: Record<Kind, Omit<NewVersion, "idempotencyKey">> = {
    vary: {
      model: g.model,
      // In the language the person reads: the words go to the model as they are.
      prompt: capPrompt(format(N.varyPrompt, { prompt: g.prompt })),
      aspectRatio: g.aspectRatio,
      imageSize: effectiveSize(g.model, g.imageSize),
      references: [],
    },
    larger: { model: LARGER_MODEL, prompt: N.largerPrompt, aspectRatio: g.aspectRatio, imageSize: largerSize, references: [] },
  };
  const priceOf = (kind: Kind) => {
    if (!limits) return null;
    const price = requestFit(limits, { model: requests[kind].model, imageSize: requests[kind].imageSize, count: 1 }).price;
    return price === null ? null : formatMoney(price, limits.quote.currency, locale);
  };
  const prices = [
    [N.vary, priceOf("vary")],
    [`${N.larger} ${largerSize}`, priceOf("larger")],
  ].filter((p): p is [string, string] => p[1] !== null);

  async function run(kind: Kind) {
    if (busy) return;
    const request = requests[kind];
    const fingerprint = JSON.stringify({ ...request, parentId: g.id });
    const idempotencyKey = unsure.current?.body === fingerprint ? unsure.current.key : newIdempotencyKey();
    setBusy(kind);
    setProblem(null);
    try {
      await edits.start(g, { ...request, idempotencyKey });
      unsure.current = null;
    } catch (error) {
      unsure.current = error instanceof ApiError && error.code === "network_error" ? { body: fingerprint, key: idempotencyKey } : null;
      if (error instanceof ApiError && error.code === "not_found") setProblem({ title: error.message, detail: null });
      else {
        const failed = describeFailure({ error, prompt: request.prompt, references: [], t, locale });
        setProblem(failed.general ?? { title: failed.prompt?.message ?? failed.tray ?? t.composer.errorInternal, detail: null });
      }
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <div className="grid grid-cols-[2fr_3fr] gap-2">
        <button type="button" onClick={() => void run("vary")} disabled={busy !== null} title={N.varyTitle} className={BUTTON}>
          {busy === "vary" ? <Spinner className="size-4" /> : <SparkIcon className="size-4" />}
          {N.vary}
        </button>
        <div className="flex min-w-0 rounded-xl ring-1 ring-zinc-200 dark:ring-zinc-700">
          <button
            type="button"
            onClick={() => void run("larger")}
            disabled={busy !== null}
            title={format(N.largerTitle, { size: largerSize })}
            className={`${BASE} flex-1 rounded-l-xl`}
          >
            {busy === "larger" ? <Spinner className="size-4" /> : <StackIcon className="size-4" />}
            {N.larger}
          </button>
          <select
            aria-label={N.largerSize}
            value={largerSize}
            onChange={(e) => setLargerSize(e.target.value as LargerSize)}
            className="shrink-0 rounded-r-xl border-0 border-l border-zinc-200 bg-transparent py-0 pr-1 pl-2 text-sm font-medium text-zinc-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 dark:border-zinc-700 dark:text-zinc-100 [&>option]:dark:bg-zinc-900"
          >
            {LARGER_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {N.honest}
        {prices.length > 0 && <span className="tabular-nums"> {prices.map(([what, price]) => format(N.price, { what, price })).join(" · ")}</span>}
      </p>
      {problem && (
        <div role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700 dark:bg-rose-500/10 dark:text-rose-300">
          <p className="font-medium">{problem.title}</p>
          {problem.detail && <p className="mt-0.5 text-xs break-words whitespace-pre-line">{problem.detail}</p>}
        </div>
      )}
    </div>
  );
}
