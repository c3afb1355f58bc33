import "server-only";

export { createRun } from "./create";
export { getRun } from "./reads";
