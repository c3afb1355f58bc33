"use client";
import { useEffect, useRef, useState, type RefObject } from "react";
import type { Generation } from "@/lib/contract";
import { ApiError, api } from "@/lib/client/api";
import { formatMoney } from "@/lib/client/money";
import { requestFit } from "@/lib/client/request-fit";
import { format } from "@/lib/i18n/format";
import {
  ASPECT_RATIO_LABELS,
  ASPECT_RATIOS,
  effectiveSize,
  getModel,
  MAX_PROMPT_LENGTH,
  MAX_REFERENCES,
  MODELS,
  type AspectRatio,
  type ImageSize,
  type ModelId,
} from "@/lib/models";
import { useStudio } from "@/components/studio/studio-context";
import { describeFailure, uploadRefusal } from "@/components/composer/describe-failure";
import { newIdempotencyKey } from "@/lib/client/idempotency-key";
import { dataUrlToBlob, failureNote, fileItem, newLocalId } from "@/components/composer/reference-sources";
import { useSessionLimits } from "@/components/composer/use-session-limits";
import { CloseIcon, PlusIcon, Spinner } from "@/components/ui/icons";
import { useViewerEdits } from "./viewer-edits";

/** Besides the picture edited, which the server sends first. */
const MORE_REFERENCES = MAX_REFERENCES - 1;

type Reference = {
  id: string;
  name: string;
  /** A data URL of the scaled-down picture, once it is read. */
  preview: string;
  /** The `ref_…` id once uploaded. */
  value: string;
  state: "uploading" | "ready" | "failed";
  reason?: string;
};

type Problem = { title: string; lines: string[] };

const SELECT =
  "min-w-0 rounded-lg border-0 bg-white/10 py-1 pr-7 pl-2 text-xs font-medium text-white ring-1 ring-white/15 hover:bg-white/15 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-400 disabled:opacity-60 [&>option]:bg-zinc-900 [&>option]:text-white";

/**
 * "Describe a change…" under a finished picture: the words (Enter sends,
 * Shift+Enter starts a new line), the new version's model, aspect ratio and
 * size (the picture's own to start with), and up to four more references.
 * One POST /api/generations with the picture as parent; a refusal is said
 * here and the words stay, a new version's failure too (its words come back).
 */
export function EditField(props: {
  generation: Generation;
  /** The textarea, for a viewer that starts with focus in it. */
  fieldRef?: RefObject<HTMLTextAreaElement | null>;
  /** Take focus when it appears: a new version made from the field before it is shown in its place. */
  focusOnMount?: boolean;
}) {
  const g = props.generation;
  const { t, locale } = useStudio();
  const edits = useViewerEdits();
  const { limits } = useSessionLimits();
  const E = t.versions.edit;
  const [text, setText] = useState("");
  const [model, setModel] = useState<ModelId>(g.model);
  const [aspectRatio, setAspectRatio] = useState<AspectRatio>(g.aspectRatio);
  const [imageSize, setImageSize] = useState<ImageSize>(effectiveSize(g.model, g.imageSize));
  const [references, setReferences] = useState<Reference[]>([]);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  // A ref, not state: two Enters in one frame both see `sending` false.
  const busy = useRef(false);
  // After a network error the request may have arrived: sending the same again reuses its key.
  const unsure = useRef<{ body: string; key: string } | null>(null);
  const files = useRef<HTMLInputElement>(null);
  const own = useRef<HTMLTextAreaElement>(null);
  const field = props.fieldRef ?? own;
  const { focusOnMount } = props;
  useEffect(() => {
    if (focusOnMount) field.current?.focus({ preventScroll: true });
  }, [focusOnMount, field]);

  // A new version of this picture that failed: its words come back into an empty field, once.
  const failure = edits.failure?.parentId === g.id ? edits.failure : null;
  const [restored, setRestored] = useState<string | null>(null);
  if (failure && restored !== failure.id) {
    setRestored(failure.id);
    if (!text.trim()) setText(failure.prompt);
  }

  const info = getModel(model) ?? MODELS[0];
  const size = info.sizes.includes(imageSize) ? imageSize : info.defaultSize;
  const fit = limits ? requestFit(limits, { model, imageSize: size, count: 1 }) : null;
  const price = fit?.price != null && limits ? formatMoney(fit.price, limits.quote.currency, locale) : null;
  const id = `edit-${g.id}`;

  async function addFiles(list: File[]) {
    const room = MORE_REFERENCES - references.length;
    if (list.length > room) setProblem({ title: format(E.tooMany, { n: MORE_REFERENCES }), lines: [] });
    else setProblem(null);
    for (const file of list.slice(0, Math.max(0, room))) {
      const local = newLocalId();
      setReferences((refs) => [...refs, { id: local, name: file.name, preview: "", value: "", state: "uploading" }]);
      const update = (patch: Partial<Reference>) => setReferences((refs) => refs.map((r) => (r.id === local ? { ...r, ...patch } : r)));
      try {
        const item = await fileItem(file, file.name);
        update({ preview: item.preview });
        const uploaded = await api.uploadReference(dataUrlToBlob(item.preview), file.name);
        update({ value: uploaded.id, state: "ready" });
      } catch (error) {
        let reason: string;
        if (error instanceof ApiError) reason = error.code === "network_error" ? t.common.networkError : uploadRefusal(error, t.composer);
        else {
          const note = failureNote(error, file.name);
          reason = format(t.composer[note.key], note.values ?? {});
        }
        update({ state: "failed", reason });
      }
    }
  }

  async function send() {
    if (busy.current) return;
    const length = text.trim().length;
    if (length === 0) return setProblem({ title: E.empty, lines: [] });
    if (length > MAX_PROMPT_LENGTH) return setProblem({ title: format(E.tooLong, { over: length - MAX_PROMPT_LENGTH }), lines: [] });
    if (references.some((r) => r.state !== "ready")) return setProblem({ title: E.waitForUploads, lines: [] });
    const request = { model, prompt: text, aspectRatio, imageSize: size, references: references.map((r) => r.value) };
    const fingerprint = JSON.stringify({ ...request, parentId: g.id });
    const idempotencyKey = unsure.current?.body === fingerprint ? unsure.current.key : newIdempotencyKey();
    busy.current = true;
    setSending(true);
    setProblem(null);
    edits.dismissFailure();
    try {
      await edits.start(g, { ...request, idempotencyKey });
      unsure.current = null;
      setText("");
      setReferences([]);
    } catch (error) {
      unsure.current = error instanceof ApiError && error.code === "network_error" ? { body: fingerprint, key: idempotencyKey } : null;
      setProblem(problemOf(error));
    } finally {
      busy.current = false;
      setSending(false);
    }
  }

  /** The composer's words for a refused request, gathered in one place under the field. */
  function problemOf(error: unknown): Problem {
    if (error instanceof ApiError && error.code === "not_found") return { title: error.message, lines: [] };
    const items = references.map((r) => ({ id: r.id, value: r.value, preview: r.preview, name: r.name }));
    const failed = describeFailure({ error, prompt: text, references: items, t, locale });
    const lines = [failed.prompt?.message, failed.tray, ...failed.references.values(), failed.general?.detail].filter((x): x is string => Boolean(x));
    return { title: failed.general?.title ?? lines.shift() ?? t.composer.errorInternal, lines };
  }

  return (
    <form
      className="mx-auto w-full max-w-3xl"
      aria-busy={sending}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label htmlFor={id} className="sr-only">
        {E.label}
      </label>
      <div className="rounded-2xl bg-white/10 p-1.5 ring-1 ring-white/15 backdrop-blur-md focus-within:ring-2 focus-within:ring-amber-400/70">
        <div className="flex items-end gap-1.5">
          <textarea
            ref={field}
            data-edit-field
            id={id}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.nativeEvent.isComposing) return; // an IME is still composing (Chinese, Japanese…)
              if (e.key === "Enter" && !e.shiftKey && !e.altKey) {
                e.preventDefault();
                void send();
              }
            }}
            rows={1}
            placeholder={E.placeholder}
            aria-describedby={`${id}-keys${problem || failure ? ` ${id}-problem` : ""}`}
            aria-invalid={problem ? true : undefined}
            spellCheck
            className="block max-h-40 min-h-10 min-w-0 flex-1 resize-none bg-transparent px-2.5 py-2 text-[15px] leading-snug text-white [field-sizing:content] placeholder:text-white/55 focus:outline-none"
          />
          <button
            type="submit"
            disabled={sending}
            className="inline-flex h-10 shrink-0 items-center gap-1.5 rounded-xl bg-amber-400 px-3 text-sm font-semibold text-zinc-950 shadow-sm transition hover:bg-amber-300 focus:outline-none focus-visible:ring-2 focus-visible:ring-white disabled:opacity-70"
          >
            {sending && <Spinner className="size-4" />}
            {sending ? E.sending : E.send}
          </button>
        </div>

        {references.length > 0 && (
          <ul aria-label={E.references} className="flex flex-wrap gap-1.5 px-1.5 pt-1.5">
            {references.map((r, i) => (
              <li key={r.id} className="relative">
                <span
                  className={`grid size-11 place-items-center overflow-hidden rounded-lg bg-white/10 ring-1 ${r.state === "failed" ? "ring-rose-400" : "ring-white/15"}`}
                  title={r.reason ?? r.name}
                >
                  {r.preview ? (
                    <img src={r.preview} alt={format(E.reference, { n: i + 1 })} className="size-full object-cover" />
                  ) : (
                    <Spinner className="size-4 text-white/70" />
                  )}
                  {r.state === "uploading" && r.preview && <span className="sr-only">{E.uploading}</span>}
                </span>
                <button
                  type="button"
                  onClick={() => setReferences((refs) => refs.filter((x) => x.id !== r.id))}
                  aria-label={format(E.removeReference, { n: i + 1 })}
                  className="absolute -top-1.5 -right-1.5 grid size-5 place-items-center rounded-full bg-zinc-900 text-white ring-1 ring-white/30 hover:bg-zinc-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-400"
                >
                  <CloseIcon className="size-3" />
                </button>
              </li>
            ))}
          </ul>
        )}

        <div role="group" aria-label={E.settings} className="flex flex-wrap items-center gap-1.5 px-1.5 pt-1.5 pb-0.5">
          <select aria-label={E.model} value={model} onChange={(e) => setModel(e.target.value as ModelId)} className={SELECT}>
            {MODELS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label[locale]}
              </option>
            ))}
          </select>
          <select aria-label={E.aspectRatio} value={aspectRatio} onChange={(e) => setAspectRatio(e.target.value as AspectRatio)} className={SELECT}>
            {ASPECT_RATIOS.map((r) => (
              <option key={r} value={r}>
                {ASPECT_RATIO_LABELS[r][locale]}
              </option>
            ))}
          </select>
          <select
            aria-label={E.size}
            value={size}
            disabled={info.sizes.length < 2}
            onChange={(e) => setImageSize(e.target.value as ImageSize)}
            className={SELECT}
          >
            {info.sizes.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <button
            type="button"
            onClick={() => files.current?.click()}
            disabled={references.length >= MORE_REFERENCES}
            title={format(E.addReferenceTitle, { n: MORE_REFERENCES })}
            className="inline-flex items-center gap-1 rounded-lg px-2 py-1 text-xs font-medium text-white/85 ring-1 ring-white/15 hover:bg-white/10 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-400 disabled:opacity-50"
          >
            <PlusIcon className="size-3.5" />
            {E.addReference}
          </button>
          <input
            ref={files}
            type="file"
            accept="image/*"
            multiple
            hidden
            aria-label={E.addReference}
            onChange={(e) => {
              const picked = Array.from(e.target.files ?? []);
              e.target.value = "";
              void addFiles(picked);
            }}
          />
          {price && <span className="ml-auto text-xs text-white/70 tabular-nums">{format(E.price, { price })}</span>}
        </div>
      </div>

      <p id={`${id}-keys`} className="mt-1 hidden px-2 text-[11px] text-white/55 sm:block">
        {E.keys}
      </p>
      <div id={`${id}-problem`}>
        {problem && (
          <div role="alert" className="mt-1.5 rounded-lg bg-rose-500/15 px-3 py-2 text-sm text-rose-100 ring-1 ring-rose-400/40">
            <p className="font-medium">{problem.title}</p>
            {problem.lines.map((line) => (
              <p key={line} className="mt-0.5 text-xs break-words whitespace-pre-line text-rose-100/85">
                {line}
              </p>
            ))}
          </div>
        )}
        {!problem && failure && (
          <div role="alert" className="mt-1.5 flex items-start gap-2 rounded-lg bg-rose-500/15 px-3 py-2 text-sm text-rose-100 ring-1 ring-rose-400/40">
            <p className="min-w-0 flex-1 break-words">{format(E.failed, { reason: failure.reason })}</p>
            <button type="button" onClick={edits.dismissFailure} className="shrink-0 text-xs font-medium underline underline-offset-2 hover:text-white">
              {E.dismiss}
            </button>
          </div>
        )}
        {references
          .filter((r) => r.state === "failed")
          .map((r) => (
            <p key={r.id} role="alert" className="mt-1 px-2 text-xs text-rose-200">
              {format(E.uploadFailed, { n: references.indexOf(r) + 1, reason: r.reason ?? "" })}
            </p>
          ))}
      </div>
    </form>
  );
}
