import { describe, expect, it } from "vitest";
import { COMPOSER_SETTINGS_KEY, DEFAULT_COMPOSER_SETTINGS, parseComposerSettings, readComposerSettings, rememberComposerSettings } from "./composer-settings";

// Item 6 (part): the model, ratio, size and count a person last
// used are kept in this browser, and whatever is stored is checked when read.

function memoryStorage(initial: Record<string, string> = {}): Storage {
  const items = new Map(Object.entries(initial));
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

describe("parseComposerSettings", () => {
  it("reads back what was stored", () => {
    const settings = { model: "nano_banana_pro", aspectRatio: "16:9", imageSize: "2K", count: 3 } as const;
    expect(parseComposerSettings(JSON.stringify(settings))).toEqual(settings);
  });

  it("a model that no longer exists falls back to the default; the rest is kept", () => {
    expect(parseComposerSettings(JSON.stringify({ model: "nano_banana_1", aspectRatio: "9:16", imageSize: "4K", count: 2 }))).toEqual({
      model: DEFAULT_COMPOSER_SETTINGS.model,
      aspectRatio: "9:16",
      imageSize: "4K",
      count: 2,
    });
  });

  it("each field that is not valid falls back on its own", () => {
    expect(parseComposerSettings(JSON.stringify({ model: "nano_banana_2", aspectRatio: "4:3", imageSize: "8K", count: 9 }))).toEqual({
      ...DEFAULT_COMPOSER_SETTINGS,
      model: "nano_banana_2",
    });
    expect(parseComposerSettings(JSON.stringify({ count: 2.5 }))).toEqual(DEFAULT_COMPOSER_SETTINGS);
  });

  it("nothing stored, or junk, is no settings (the composer keeps its defaults)", () => {
    expect(parseComposerSettings(null)).toBeNull();
    expect(parseComposerSettings("{not json")).toBeNull();
    expect(parseComposerSettings(JSON.stringify(["nano_banana_2"]))).toBeNull();
    expect(parseComposerSettings("42")).toBeNull();
  });
});

describe("readComposerSettings / rememberComposerSettings", () => {
  it("survive a reload: what was remembered is read back from the same storage", () => {
    const storage = memoryStorage();
    expect(readComposerSettings(storage)).toBeNull();
    rememberComposerSettings({ model: "nano_banana_pro-4K", aspectRatio: "1:1", imageSize: "4K", count: 4 }, storage);
    expect(JSON.parse(storage.getItem(COMPOSER_SETTINGS_KEY)!)).toMatchObject({ model: "nano_banana_pro-4K" });
    expect(readComposerSettings(storage)).toEqual({ model: "nano_banana_pro-4K", aspectRatio: "1:1", imageSize: "4K", count: 4 });
  });

  it("a storage that throws (private mode, disabled) is no error", () => {
    const broken = { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("full"); } } as unknown as Storage;
    expect(readComposerSettings(broken)).toBeNull();
    expect(() => rememberComposerSettings(DEFAULT_COMPOSER_SETTINGS, broken)).not.toThrow();
  });
});
