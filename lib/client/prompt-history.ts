// Prompts a person generated from, newest first, kept in this browser only
// (localStorage), so a good prompt from yesterday is one click away.

export const PROMPT_HISTORY_KEY = "nano-studio.prompt-history";
export const PROMPT_HISTORY_LIMIT = 50;
const EMPTY: readonly string[] = Object.freeze([]);

/** The list with `prompt` on top: trimmed, an earlier copy removed, at most `limit` long. */
export function addToHistory(history: readonly string[], prompt: string, limit = PROMPT_HISTORY_LIMIT): string[] {
  const text = prompt.trim();
  if (!text) return history.slice(0, limit);
  return [text, ...history.filter((p) => p !== text)].slice(0, limit);
}

/** What localStorage held, tolerating anything a person or an old version left there. */
export function parseHistory(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    const texts = value.filter((item): item is string => typeof item === "string").map((p) => p.trim()).filter(Boolean);
    return [...new Set(texts)].slice(0, PROMPT_HISTORY_LIMIT);
  } catch {
    return [];
  }
}

// localStorage can throw (private mode, storage disabled): history is a nicety, never an error.
function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

const listeners = new Set<() => void>();
let cache: { raw: string | null; list: readonly string[] } = { raw: null, list: EMPTY };

/** The stored history; the same array until it changes (a useSyncExternalStore snapshot). */
export function readPromptHistory(): readonly string[] {
  let raw: string | null = null;
  try {
    raw = storage()?.getItem(PROMPT_HISTORY_KEY) ?? null;
  } catch {
    raw = null;
  }
  if (raw !== cache.raw) cache = { raw, list: parseHistory(raw) };
  return cache.list;
}

export function serverPromptHistory(): readonly string[] {
  return EMPTY;
}

function write(list: readonly string[]) {
  try {
    storage()?.setItem(PROMPT_HISTORY_KEY, JSON.stringify(list));
  } catch {
    // Full or disabled storage: keep working without history.
  }
  for (const listener of listeners) listener();
}

export function rememberPrompt(prompt: string): void {
  write(addToHistory(readPromptHistory(), prompt));
}

export function clearPromptHistory(): void {
  write([]);
}

/** Calls back when the history changes here or in another tab. */
export function subscribePromptHistory(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === PROMPT_HISTORY_KEY || e.key === null) listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}
