"use client";
import "./zod-jitless";
import { z } from "zod";
import { ASPECT_RATIOS, IMAGE_SIZES, isModelId, type ModelId } from "@/lib/models";
import { browserStorage, storedComposerSettings, type ComposerSettings } from "./composer-settings-store";

// The model, ratio, size and count a person last used, kept in this browser
// (localStorage, like the prompt history) so a reload keeps them.
// Loaded on demand by the composer, and only when something is stored: zod
// is not part of the page's first load.
// What was stored is checked field by field when read: a model that no
// longer exists, or anything an old version or a person left there, falls
// back to the default instead of breaking the composer.

export { COMPOSER_SETTINGS_KEY, rememberComposerSettings, type ComposerSettings } from "./composer-settings-store";

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

export function readComposerSettings(storage: Storage | null = browserStorage()): ComposerSettings | null {
  try {
    return parseComposerSettings(storedComposerSettings(storage));
  } catch {
    return null;
  }
}
