import "server-only";

export { createGenerations } from "./create";
export { getDeps, type GenerationDeps } from "./deps";
export { startPoller, createPoller } from "./poller";
export { deleteGeneration, getGeneration, listGenerations, retryGeneration, setFavorite } from "./queries";
export { refreshGeneration } from "./refresh";
export { toGeneration } from "./serialize";
export { openImage, openReference } from "./files";
export { usageOf } from "./quota";
