"use client";
import { useSyncExternalStore } from "react";

// What the composer's prompt help is showing: nothing, a call under way, a
// suggestion to accept, edit or discard, or why there is none. One per page:
// Improve (by the prompt) and Describe (on a reference) share the box.

export type PromptHelpState =
  | { status: "idle" }
  | { status: "busy"; kind: "improve" | "describe"; index?: number }
  | { status: "ready"; kind: "improve" | "describe"; before: string; after: string }
  | { status: "error"; message: string };

let state: PromptHelpState = { status: "idle" };
/** A 404 said the studio has no prompt model: the buttons go away. */
let off = false;
const listeners = new Set<() => void>();

function set(next: PromptHelpState) {
  state = next;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function usePromptHelp(): { state: PromptHelpState; off: boolean } {
  const current = useSyncExternalStore(subscribe, () => state, () => state);
  const isOff = useSyncExternalStore(subscribe, () => off, () => false);
  return { state: current, off: isOff };
}

export const clearPromptHelp = () => set({ status: "idle" });

/** POST one of the two routes; the box shows the suggestion or the trouble, the prompt is never touched here. */
export async function askPromptHelp(input: { kind: "improve" | "describe"; before: string; body: unknown; index?: number; offMessage: string }): Promise<void> {
  if (state.status === "busy") return;
  set({ status: "busy", kind: input.kind, index: input.index });
  try {
    const res = await fetch(`/api/prompt/${input.kind}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input.body) });
    const body = (await res.json().catch(() => undefined)) as { prompt?: string; error?: { message?: string } } | undefined;
    if (res.ok && typeof body?.prompt === "string") return set({ status: "ready", kind: input.kind, before: input.before, after: body.prompt });
    if (res.status === 404) off = true;
    set({ status: "error", message: res.status === 404 ? input.offMessage : (body?.error?.message ?? `HTTP ${res.status}`) });
  } catch {
    set({ status: "error", message: "network error" });
  }
}
