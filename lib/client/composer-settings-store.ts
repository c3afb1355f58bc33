"use client";
import type { AspectRatio, ImageSize, ModelId } from "@/lib/models";

// Where the composer's last-used settings live in this browser, without the
// checks: reading the raw text and writing needs no zod, so a first visit
// (nothing stored) and every change load none. Only a stored value goes
// through composer-settings.ts, which checks it field by field.

export const COMPOSER_SETTINGS_KEY = "nano-studio.composer-settings";

export type ComposerSettings = { model: ModelId; aspectRatio: AspectRatio; imageSize: ImageSize; count: number };

// localStorage can throw (private mode, storage disabled): the settings are a nicety, never an error.
export function browserStorage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** The stored text, unchecked; null when nothing is stored or storage is unusable. */
export function storedComposerSettings(storage: Storage | null = browserStorage()): string | null {
  try {
    return storage?.getItem(COMPOSER_SETTINGS_KEY) ?? null;
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
