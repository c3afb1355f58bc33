"use client";
import { useSyncExternalStore } from "react";
import { readPromptHistory, serverPromptHistory, subscribePromptHistory } from "@/lib/client/prompt-history";

/** Recent prompts from localStorage, newest first; empty during server rendering. */
export function usePromptHistory(): readonly string[] {
  return useSyncExternalStore(subscribePromptHistory, readPromptHistory, serverPromptHistory);
}

const noSubscription = () => () => {};

/** Whether shortcuts read ⌘ (Apple) or Ctrl; false on the server, then corrected. */
export function useIsApple(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => /Mac|iPhone|iPad|iPod/i.test(navigator.platform || navigator.userAgent),
    () => false,
  );
}
