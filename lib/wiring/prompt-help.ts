import "server-only";
import { getConfig } from "@/lib/config";
import type { PromptHelpDeps } from "@/lib/prompt-help";
import { getDeps } from "./deps";
import { getPromptChat } from "./upstream";

/** What Improve and Describe need: the services' deps, the gateway's chat completions and their settings. */
export async function getPromptHelpDeps(): Promise<PromptHelpDeps> {
  return { ...(await getDeps()), chat: getPromptChat(), settings: getConfig().promptHelp };
}
