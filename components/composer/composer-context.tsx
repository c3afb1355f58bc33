"use client";
import { useCallback, useMemo, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { useStudio } from "@/components/studio/studio-context";
import { api, ApiError } from "@/lib/client/api";
import type { ComposerSettings } from "@/lib/client/composer-settings-store";
import type { Generation } from "@/lib/contract";
import type { Template } from "@/lib/contract-templates";
import { blankFieldId } from "@/components/templates/template-blanks";
import { ASPECT_RATIOS, getModel, IMAGE_SIZES, MAX_REFERENCES, type AspectRatio, type ImageSize, type ModelId } from "@/lib/models";
import { ComposerContext, type ComposerApi, type ReferenceItem } from "./composer-api";
import { uploadRefusal } from "./describe-failure";
import { useLastUsedSettings } from "./use-last-used-settings";
import { useTemplateMode } from "./use-template-mode";
import { useTemplateReferences } from "./use-template-references";
import {
  dataUrlToBlob,
  failureNote,
  fileItem,
  isHttpUrl,
  linkItem,
  linkRefusalNote,
  loadDownscale,
  nameFromUrl,
  noteText,
  pictureName,
  problemNote,
  storedItem,
  tooManyNote,
  urlItem,
  type Note,
} from "./reference-sources";

function reveal(el: HTMLElement | null, block: ScrollLogicalPosition) {
  if (!el) return;
  const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  el.scrollIntoView({ block, behavior: reduce ? "auto" : "smooth" });
}

/** The composer's state, shared with the gallery (remix, use as reference). */
export function ComposerProvider({ children }: { children: React.ReactNode }) {
  const { t } = useStudio();
  const [prompt, setPrompt] = useState("");
  const [model, setModelState] = useState<ModelId>("nano_banana_2");
  // The size last picked on a model that offers a choice; a fixed-size model shows its own.
  const [chosenSize, setChosenSize] = useState<ImageSize>("1K");
  const [aspectRatio, setAspectRatio] = useState<AspectRatio>("auto");
  const [count, setCountState] = useState(1);
  const [references, setReferences] = useState<ReferenceItem[]>([]);
  const [notes, setNotes] = useState<Note[]>([]);
  const [preparing, setPreparing] = useState(0);
  const promptRef = useRef<HTMLTextAreaElement | null>(null);

  // Slots are counted synchronously (refs), so two quick drops never make six.
  const current = useRef<ReferenceItem[]>([]);
  const pending = useRef(0);
  const remixRun = useRef(0);
  const { template, blankValues, setBlankValue, blanks, startTemplate, forgetTemplate, leaveTemplate, templatesPanel, setTemplatesPanel } = useTemplateMode({
    prompt,
    setPrompt,
  });
  const update = useCallback((change: (list: ReferenceItem[]) => ReferenceItem[]) => {
    current.current = change(current.current);
    setReferences(current.current);
  }, []);
  const reserve = useCallback((wanted: number) => {
    const granted = Math.max(0, Math.min(wanted, MAX_REFERENCES - current.current.length - pending.current));
    pending.current += granted;
    setPreparing(pending.current);
    return granted;
  }, []);
  const release = useCallback((n: number) => {
    pending.current -= n;
    setPreparing(pending.current);
  }, []);

  // Each picture is uploaded once, as soon as it is added; requests then name it
  // by id, so five big pictures fit in one request and a count of 4 sends none.
  const startUpload = useCallback(
    (item: ReferenceItem) => {
      const settle = (change: Partial<ReferenceItem>) =>
        update((list) => list.map((r) => (r.id === item.id ? { ...r, ...change } : r)));
      api.uploadReference(dataUrlToBlob(item.preview), item.name).then(
        (uploaded) => settle({ value: uploaded.id, upload: undefined }),
        (error: unknown) => {
          const reason = !(error instanceof ApiError) || error.code === "network_error" ? null : uploadRefusal(error, t.composer);
          settle({ upload: { state: "failed", reason } });
        },
      );
    },
    [update, t.composer],
  );

  /** A note instead of a new reference: false, for addUrl's caller. */
  const refuse = useCallback((found: Note[]) => {
    setNotes(found);
    return false;
  }, []);

  const restoreSettings = useCallback((saved: ComposerSettings) => {
    setModelState(saved.model);
    setAspectRatio(saved.aspectRatio);
    setChosenSize(saved.imageSize);
    setCountState(saved.count);
  }, []);
  useLastUsedSettings({ settings: { model, aspectRatio, imageSize: chosenSize, count }, restore: restoreSettings });

  const info = getModel(model)!;
  const imageSize = info.sizes.includes(chosenSize) ? chosenSize : info.defaultSize;

  const addFiles = useCallback(
    async (files: File[]) => {
      const { checkReferenceFile } = await loadDownscale();
      const found: Note[] = [];
      const candidates: File[] = [];
      for (const file of files) {
        const problem = checkReferenceFile(file);
        if (problem) found.push(problemNote(problem, file.name));
        else candidates.push(file);
      }
      const granted = reserve(candidates.length);
      const refused = candidates.slice(granted);
      if (refused.length) found.push(tooManyNote(refused.map((f) => f.name), MAX_REFERENCES));
      setNotes(found);
      // One at a time: five 12-megapixel decodes at once can exhaust a phone's memory.
      for (const file of candidates.slice(0, granted)) {
        try {
          const item = await fileItem(file, file.name || "image");
          update((list) => [...list, item]);
          startUpload(item);
        } catch (error) {
          found.push(failureNote(error, file.name));
          setNotes([...found]);
        } finally {
          release(1);
        }
      }
    },
    [reserve, release, update, startUpload],
  );

  // A link is checked as it is added: the studio fetches it, checks
  // it is a picture and stores it as an upload, so the tray shows the real
  // picture at once, or says why not and keeps nothing.
  const addUrl = useCallback(
    async (url: string): Promise<boolean> => {
      const value = url.trim();
      if (!isHttpUrl(value)) return refuse([{ key: "urlInvalid" }]);
      if (current.current.some((r) => r.value === value || r.source === value)) return refuse([{ key: "urlDuplicate" }]);
      if (reserve(1) === 0) return refuse([tooManyNote([value], MAX_REFERENCES)]);
      release(1);
      const item = linkItem(value);
      update((list) => [...list, item]);
      setNotes([]);
      try {
        const stored = await api.addReferenceUrl(value);
        update((list) => list.map((r) => (r.id === item.id ? { ...r, value: stored.id, preview: stored.url, upload: undefined } : r)));
        return true;
      } catch (error) {
        update((list) => list.filter((r) => r.id !== item.id));
        return refuse([linkRefusalNote(error, t.composer)]);
      }
    },
    [reserve, release, update, refuse, t],
  );

  const removeReference = useCallback(
    (id: string) => {
      update((list) => list.filter((r) => r.id !== id));
      setNotes([]);
    },
    [update],
  );
  const clearReferences = useCallback(() => {
    update(() => []);
    setNotes([]);
  }, [update]);

  const remix = useCallback(
    async (g: Generation) => {
      const run = ++remixRun.current;
      forgetTemplate();
      setPrompt(g.prompt);
      setModelState(g.model);
      setAspectRatio(g.aspectRatio);
      if (g.imageSize) setChosenSize(g.imageSize);
      setNotes([]);
      update(() => []);
      requestAnimationFrame(() => {
        const box = promptRef.current;
        if (!box) return;
        box.focus({ preventScroll: true });
        box.setSelectionRange(box.value.length, box.value.length);
        reveal(box, "center");
      });
      const urls = g.references.map((r) => r.url);
      const granted = reserve(urls.length);
      const items: ReferenceItem[] = [];
      let failed = 0;
      for (const url of urls.slice(0, granted)) {
        try {
          // Stored references are this studio's own paths: the browser fetches them and
          // uploads them as the person's own (ids are not shared between people).
          items.push(isHttpUrl(url) ? urlItem(url) : await storedItem(url, nameFromUrl(url)));
        } catch {
          failed += 1;
        }
      }
      release(granted);
      if (run !== remixRun.current) return;
      update((list) => [...items, ...list].slice(0, MAX_REFERENCES));
      for (const item of items) if (item.upload) startUpload(item);
      failed += urls.length - granted;
      if (failed) setNotes([{ key: "remixRefsFailed", values: { n: failed } }]);
    },
    [reserve, release, update, startUpload, forgetTemplate],
  );

  const loadTemplateReferences = useTemplateReferences({ update, reserve, release, startUpload, setNotes });

  const chooseTemplate = useCallback(
    (template: Template) => {
      // Drawn at once (a click, or the address read after the page loaded), so the
      // first blank's field exists to take focus; with no blanks, the prompt does.
      flushSync(() => {
        setPrompt(template.prompt);
        setModelState(template.model);
        if ((ASPECT_RATIOS as readonly string[]).includes(template.aspectRatio)) setAspectRatio(template.aspectRatio as AspectRatio);
        if (template.imageSize && (IMAGE_SIZES as readonly string[]).includes(template.imageSize)) setChosenSize(template.imageSize as ImageSize);
        setCountState(Math.min(4, Math.max(1, template.count)));
        startTemplate({ id: template.id, name: template.name, prompt: template.prompt, count: template.count });
      });
      (document.getElementById(blankFieldId(0)) ?? promptRef.current)?.focus();
      void loadTemplateReferences(template);
    },
    [startTemplate, loadTemplateReferences],
  );

  const useAsReference = useCallback(
    async (g: Generation) => {
      if (!g.image) return;
      const name = pictureName(g.prompt);
      reveal(promptRef.current?.closest("section") ?? null, "nearest");
      if (reserve(1) === 0) return setNotes([tooManyNote([name], MAX_REFERENCES)]);
      setNotes([]);
      try {
        const item = await storedItem(g.image.url, name);
        update((list) => [...list, item]);
        startUpload(item);
      } catch (error) {
        setNotes([failureNote(error, name)]);
      } finally {
        release(1);
      }
    },
    [reserve, release, update, startUpload],
  );

  const uploading = references.filter((r) => r.upload?.state === "uploading").length;
  const failedUploads = references.filter((r) => r.upload?.state === "failed").length;
  const referenceError = notes.length ? notes.map((n) => noteText(n, t)).join("\n") : null;

  const value = useMemo<ComposerApi>(
    () => ({
      prompt,
      setPrompt,
      model,
      setModel: setModelState,
      imageSize,
      setImageSize: setChosenSize,
      aspectRatio,
      setAspectRatio,
      count,
      setCount: (n: number) => setCountState(Math.min(4, Math.max(1, Math.round(n) || 1))),
      references,
      addFiles,
      addUrl,
      removeReference,
      referenceError,
      remix,
      useAsReference,
      preparingReferences: preparing,
      uploadingReferences: uploading,
      failedUploads,
      clearReferences,
      promptRef,
      template,
      blankValues,
      setBlankValue,
      blanks,
      chooseTemplate,
      leaveTemplate,
      templatesPanel,
      setTemplatesPanel,
    }),
    // prettier-ignore
    [prompt, model, imageSize, aspectRatio, count, references, addFiles, addUrl, removeReference, referenceError, remix, useAsReference, preparing, uploading, failedUploads, clearReferences,
      template, blankValues, setBlankValue, blanks, chooseTemplate, leaveTemplate, templatesPanel, setTemplatesPanel],
  );
  return <ComposerContext.Provider value={value}>{children}</ComposerContext.Provider>;
}
