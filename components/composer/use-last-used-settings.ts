"use client";
import { useEffect, useState } from "react";
import type { ComposerSettings } from "@/lib/client/composer-settings";

// The settings module brings zod (it checks what was stored): loaded after the page is up, not with it.
const loadSettings = () => import("@/lib/client/composer-settings");

/**
 * The model, ratio, size and count a person last used, kept across reloads
 * (issue 26): read once after hydration (the server renders the defaults,
 * since it cannot see this browser's storage), then written on each change.
 */
export function useLastUsedSettings(input: { settings: ComposerSettings; /** Stable (useCallback). */ restore(saved: ComposerSettings): void }) {
  const { settings, restore } = input;
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    let live = true;
    loadSettings()
      .then((m) => {
        const saved = m.readComposerSettings();
        if (live && saved) restore(saved);
      })
      .catch(() => {})
      .finally(() => live && setRestored(true));
    return () => {
      live = false;
    };
  }, [restore]);

  const { model, aspectRatio, imageSize, count } = settings;
  useEffect(() => {
    // Not before the stored ones are back: the defaults would overwrite them.
    if (!restored) return;
    void loadSettings()
      .then((m) => m.rememberComposerSettings({ model, aspectRatio, imageSize, count }))
      .catch(() => {});
  }, [restored, model, aspectRatio, imageSize, count]);
}
