import "server-only";

export { createGenerations } from "./create";
export { startPoller, createPoller } from "./poller";
export { getGeneration, listGenerations } from "./reads";
export { listVersions } from "./versions";
export { listGenerationIds } from "./matching";
export { cancelGeneration, deleteGeneration, retryGeneration, setFavorite } from "./commands";
export { refreshGeneration } from "./refresh";
export { toGeneration } from "./serialize";
export { openImage, openReference } from "./files";
export { copyReferenceFromUrl, uploadReference, MAX_REFERENCE_BYTES } from "./references";
export { usageOf, limitsOf, spendOf, chargedCount, startOfUtcMonth, money } from "./quota";
export { currentPrices } from "./prices-in-force";
export { sessionLimitsOf } from "./session-limits";
