"use client";
import { useEffect, useEffectEvent, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useStudio } from "@/components/studio/studio-context";
import { format } from "@/lib/i18n/format";
import { MAX_REFERENCES } from "@/lib/models";
import { useComposer } from "./composer-api";
import { ImageIcon } from "./icons";

function carriesFiles(e: DragEvent): boolean {
  return Boolean(e.dataTransfer?.types.includes("Files"));
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && !["file", "checkbox", "radio", "button", "submit"].includes(target.type));
}

/**
 * Files dropped anywhere on the page, or images pasted from the clipboard,
 * become references. While files are dragged over the window, a full-page
 * overlay says what a drop will do. Text drags and text pastes are left alone.
 */
export function PageDropZone() {
  const { t } = useStudio();
  const { addFiles } = useComposer();
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  const onFiles = useEffectEvent((files: File[]) => void addFiles(files));

  useEffect(() => {
    let idle: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      depth.current = 0;
      clearTimeout(idle);
      setDragging(false);
    };
    const onEnter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current += 1;
      setDragging(true);
    };
    const onOver = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
      // dragover repeats while a drag is over the page; when it stops, the drag left some other way.
      clearTimeout(idle);
      idle = setTimeout(stop, 600);
    };
    const onLeave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) stop();
    };
    const onDrop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      stop();
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length) onFiles(files);
    };
    const onPaste = (e: ClipboardEvent) => {
      const data = e.clipboardData;
      if (!data) return;
      const images = Array.from(data.files).filter((f) => f.type.startsWith("image/") || /\.(heic|heif)$/i.test(f.name));
      if (!images.length) return;
      // Office apps put a picture of copied text next to the text: in a text field, the text wins.
      if (isEditable(e.target) && data.types.includes("text/plain") && data.getData("text/plain").trim()) return;
      e.preventDefault();
      onFiles(images);
    };
    window.addEventListener("dragenter", onEnter);
    window.addEventListener("dragover", onOver);
    window.addEventListener("dragleave", onLeave);
    window.addEventListener("drop", onDrop);
    window.addEventListener("paste", onPaste);
    return () => {
      clearTimeout(idle);
      window.removeEventListener("dragenter", onEnter);
      window.removeEventListener("dragover", onOver);
      window.removeEventListener("dragleave", onLeave);
      window.removeEventListener("drop", onDrop);
      window.removeEventListener("paste", onPaste);
    };
  }, []);

  if (!dragging) return null;
  // Portalled to <body>: the composer's sticky column is its own stacking context.
  return createPortal(
    <div aria-hidden className="pointer-events-none fixed inset-0 z-50 grid place-items-center bg-zinc-950/40 p-6 backdrop-blur-[2px]">
      <div className="flex w-full max-w-md flex-col items-center gap-3 rounded-3xl border-2 border-dashed border-amber-400 bg-white/95 px-8 py-10 text-center shadow-2xl dark:border-amber-500/70 dark:bg-zinc-900/95">
        <span className="grid size-14 place-items-center rounded-2xl bg-gradient-to-br from-amber-400 to-rose-500 text-white shadow-lg">
          <ImageIcon className="size-7" />
        </span>
        <p className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">{t.composer.dropTitle}</p>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{format(t.composer.dropHint, { max: MAX_REFERENCES })}</p>
      </div>
    </div>,
    document.body,
  );
}
