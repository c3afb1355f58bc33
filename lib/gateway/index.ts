import "server-only";

export { createGatewayClient } from "./client";
export type { GatewayClient, SubmitInput, PreparedSubmit } from "./client";
export { GatewayError } from "./errors";
export type { GatewayErrorKind } from "./errors";
export type { NormalizedTask } from "./normalize";
export { createChatClient } from "./chat";
export type { ChatClient, ChatMessage } from "./chat";
