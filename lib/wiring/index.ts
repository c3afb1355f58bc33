import "server-only";

export { getDeps } from "./deps";
export { getSimulator } from "./upstream";
export { getPromptHelpDeps } from "./prompt-help";
