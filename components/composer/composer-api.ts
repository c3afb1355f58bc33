"use client";
import { createContext, useContext, type RefObject } from "react";
import type { Generation } from "@/lib/contract";
import type { Template } from "@/lib/contract-templates";
import type { BlankValues, Blanks, ChosenTemplate } from "@/components/templates/template-blanks";
import type { TemplatesPanel } from "@/components/templates/templates-menu";
import type { AspectRatio, ImageSize, ModelId } from "@/lib/models";

// The composer's state as the rest of the page sees it: the gallery's
// "remix" and "use as reference" put things back into the composer.

/** A picture's trip to POST /api/references: it is sent once, as soon as it is added. */
export type UploadState =
  | { state: "uploading" }
  /** `reason`: the studio's own words, or null when the network failed. */
  | { state: "failed"; reason: string | null };

export type ReferenceItem = {
  id: string;
  /**
   * What is sent in `references`: the `ref_…` id of an uploaded picture, or an
   * http(s) URL. Empty while the picture is still uploading (or its upload failed).
   */
  value: string;
  /** What the thumbnail shows (a data URL of the scaled-down picture, or the link). */
  preview: string;
  name: string;
  /** Size of what is uploaded, for pictures. */
  bytes?: number;
  /** Set until the upload succeeded (for a link: until the studio has checked and stored it). */
  upload?: UploadState;
  /** The http(s) link it was added from; the studio stored a checked copy, named by `value`. */
  source?: string;
  /** The id of the template it came with: choosing another template takes it out again. */
  template?: string;
};

export type ComposerApi = {
  prompt: string;
  setPrompt(prompt: string): void;
  model: ModelId;
  setModel(model: ModelId): void;
  imageSize: ImageSize;
  setImageSize(size: ImageSize): void;
  aspectRatio: AspectRatio;
  setAspectRatio(ratio: AspectRatio): void;
  count: number;
  setCount(count: number): void;
  references: ReferenceItem[];
  /** Files from a drop, a paste or the file dialog: checked, scaled down, added (the sixth is refused with a message). */
  addFiles(files: File[]): Promise<void>;
  /** A link, checked by the studio as it is added: true once stored (its thumbnail shows), false when refused (a note says why). */
  addUrl(url: string): Promise<boolean>;
  removeReference(id: string): void;
  /** A message about the last reference problem (HEIC, not an image, too many…), or null. */
  referenceError: string | null;
  /** Prompt, settings and references of a generation back into the composer. */
  remix(generation: Generation): Promise<void>;
  /** A stored picture added to the references. */
  useAsReference(generation: Generation): Promise<void>;
  /** Images being checked and scaled down right now (they hold a slot of the five). */
  preparingReferences: number;
  /** Added pictures whose upload has not finished yet. */
  uploadingReferences: number;
  /** Added pictures the studio refused to store: they must be removed before generating. */
  failedUploads: number;
  clearReferences(): void;
  /** The prompt box, so remix can bring it into view and focus it. */
  promptRef: RefObject<HTMLTextAreaElement | null>;
  /** The template being filled in (its {blanks} stay in `prompt`), or null for a plain prompt. */
  template: ChosenTemplate | null;
  /** The words typed into each blank's field, by the blank's name. */
  blankValues: BlankValues;
  setBlankValue(name: string, value: string): void;
  /** The prompt's blanks (none outside template mode) and `filled`, the prompt as it is sent. */
  blanks: Blanks;
  /** A template's prompt, settings and references into the composer; its first blank (or the prompt) gets focus. */
  chooseTemplate(template: Template): void;
  /** Back to a plain prompt: the filled-in text stays, the blanks' fields go. */
  leaveTemplate(): void;
  templatesPanel: TemplatesPanel;
  setTemplatesPanel(panel: TemplatesPanel): void;
};

export const ComposerContext = createContext<ComposerApi | null>(null);

export function useComposer(): ComposerApi {
  const value = useContext(ComposerContext);
  if (!value) throw new Error("useComposer outside ComposerProvider");
  return value;
}
