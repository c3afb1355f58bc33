"use client";
import { useEffect, useState } from "react";
import { rememberComposerSettings, storedComposerSettings, type ComposerSettings } from "@/lib/client/composer-settings-store";

// Checking what was stored brings zod: that module loads only when something
// is stored, after the page is up; a first visit and every write load none.
const loadChecks = () => import("@/lib/client/composer-settings");

/**
 * The model, ratio, size and count a person last used, kept across reloads:
 * read once after hydration (the server renders the defaults, since it cannot
 * see this browser's storage), then written on each change.
 */
export function useLastUsedSettings(input: { settings: ComposerSettings; /** Stable (useCallback). */ restore(saved: ComposerSettings): void }) {
  const { settings, restore } = input;
  // Nothing stored (a first visit): nothing to restore, writes may start. Not
  // rendered, so the server's false and the browser's answer never mismatch.
  const [restored, setRestored] = useState(() => typeof window !== "undefined" && storedComposerSettings() === null);

  useEffect(() => {
    const raw = storedComposerSettings();
    if (raw === null) return;
    let live = true;
    loadChecks()
      .then((m) => {
        const saved = m.parseComposerSettings(raw);
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
    rememberComposerSettings({ model, aspectRatio, imageSize, count });
  }, [restored, model, aspectRatio, imageSize, count]);
}
