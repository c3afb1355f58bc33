"use client";
import "./zod-jitless";
import { z } from "zod";
import { ASPECT_RATIOS, IMAGE_SIZES, isModelId, type AspectRatio, type ImageSize, type ModelId } from "@/lib/models";

// The model, ratio, size and count a person last used, kept in this browser
// (localStorage, like the prompt history) so a reload keeps them (issue 26).
// Loaded on demand by the composer: zod is not part of the page's first load.
// What was stored is checked field by field when read: a model that no
// longer exists, or anything an old version or a person left there, falls
// back to the default instead of breaking the composer.

export const COMPOSER_SETTINGS_KEY = "nano-studio.composer-settings";

export type ComposerSettings = { model: ModelId; aspectRatio: AspectRatio; imageSize: ImageSize; count: number };

export const DEFAULT_COMPOSER_SETTINGS: ComposerSettings = { model: "nano_banana_2", aspectRatio: "auto", imageSize: "1K", count: 1 };

const settingsSchema = z.object({
  model: z
    .string()
    .refine(isModelId)
    .catch(DEFAULT_COMPOSER_SETTINGS.model)
    .transform((id) => id as ModelId),
  aspectRatio: z.enum(ASPECT_RATIOS).catch(DEFAULT_COMPOSER_SETTINGS.aspectRatio),
  imageSize: z.enum(IMAGE_SIZES).catch(DEFAULT_COMPOSER_SETTINGS.imageSize),
  count: z.number().int().min(1).max(4).catch(DEFAULT_COMPOSER_SETTINGS.count),
});

/** What localStorage held, each field checked; null when nothing usable was stored. */
export function parseComposerSettings(raw: string | null): ComposerSettings | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  return settingsSchema.parse(value);
}

// localStorage can throw (private mode, storage disabled): the settings are a nicety, never an error.
function browserStorage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function readComposerSettings(storage: Storage | null = browserStorage()): ComposerSettings | null {
  try {
    return parseComposerSettings(storage?.getItem(COMPOSER_SETTINGS_KEY) ?? null);
  } catch {
    return null;
  }
}

export function rememberComposerSettings(settings: ComposerSettings, storage: Storage | null = browserStorage()): void {
  try {
    storage?.setItem(COMPOSER_SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // Full or disabled storage: the composer starts from its defaults next time.
  }
}
