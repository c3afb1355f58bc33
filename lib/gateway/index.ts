import "server-only";

export { createGatewayClient } from "./client";
export type { GatewayClient, GatewayClientOptions, SubmitInput, FetchedResult, PreparedSubmit } from "./client";
export { GatewayError } from "./errors";
export type { GatewayErrorKind } from "./errors";
export { normalizeTask } from "./normalize";
export type { NormalizedTask, TaskStatus } from "./normalize";
