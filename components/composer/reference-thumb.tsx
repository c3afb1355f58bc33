"use client";
import { useState } from "react";
import { useStudio } from "@/components/studio/studio-context";
import { format } from "@/lib/i18n/format";
import { useComposer, type ReferenceItem } from "./composer-api";
import { DescribeButton } from "@/components/prompt-help/describe-button";
import { CloseIcon, Spinner } from "@/components/ui/icons";
import { ImageIcon } from "./icons";
import { isHttpUrl } from "./reference-sources";

function size(bytes: number | undefined): string {
  if (bytes === undefined) return "";
  return bytes >= 1024 * 1024 ? ` · ${(bytes / 1024 / 1024).toFixed(1)} MB` : ` · ${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** One selected reference: its picture, its number, its upload's state, and a remove button. */
export function ReferenceThumb(props: { item: ReferenceItem; index: number; problem: boolean; onRemove(): void }) {
  const { t } = useStudio();
  const { item, index } = props;
  const [broken, setBroken] = useState(false);
  const isLink = Boolean(item.source) || isHttpUrl(item.value);
  const uploading = item.upload?.state === "uploading";
  const failed = item.upload?.state === "failed";
  const { prompt } = useComposer();
  return (
    <li
      title={`${item.name}${size(item.bytes)}`}
      className={`group relative size-16 shrink-0 overflow-hidden rounded-xl bg-zinc-100 shadow-xs dark:bg-zinc-800 ${
        props.problem || failed ? "ring-2 ring-red-500" : "ring-1 ring-zinc-200 dark:ring-zinc-700"
      }`}
    >
      {broken || !item.preview ? (
        <span className="grid size-full place-items-center text-zinc-400">
          <ImageIcon className="size-6" />
          <span className="sr-only">{format(t.composer.referenceAlt, { n: index + 1, name: item.name })}</span>
        </span>
      ) : (
        // A plain <img>: data URLs and outside links gain nothing from next/image.
        <img
          src={item.preview}
          alt={format(t.composer.referenceAlt, { n: index + 1, name: item.name })}
          referrerPolicy="no-referrer"
          onError={() => setBroken(true)}
          className={`size-full object-cover ${uploading ? "opacity-60" : ""}`}
        />
      )}
      {uploading && (
        <span role="status" className="absolute inset-0 grid place-items-center bg-black/20 text-white">
          <Spinner className="size-5" />
          <span className="sr-only">{format(item.source ? t.composer.linkChecking : t.composer.uploadingReference, { n: index + 1 })}</span>
        </span>
      )}
      {failed && (
        <span aria-hidden className="absolute inset-0 grid place-items-center bg-red-600/35 text-lg font-bold text-white">
          !
        </span>
      )}
      <span aria-hidden className="absolute bottom-1 left-1 rounded-md bg-black/60 px-1 text-[10px] font-semibold leading-4 text-white tabular-nums">
        {isLink ? `${index + 1} · URL` : index + 1}
      </span>
      {!uploading && !failed && <DescribeButton value={item.value} index={index} prompt={prompt} />}
      <button
        type="button"
        aria-label={format(t.composer.removeReference, { n: index + 1 })}
        onClick={props.onRemove}
        className="absolute right-1 top-1 grid size-6 place-items-center rounded-full bg-black/60 text-white backdrop-blur-sm transition hover:bg-black/80 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-400"
      >
        <CloseIcon strokeWidth={2} className="size-3.5" />
      </button>
    </li>
  );
}
