import "server-only";

export { ImageError } from "./errors";
export { inspectImage, extensionFor, CONTENT_TYPES } from "./inspect";
export type { ImageContentType } from "./inspect";
export { parseImageDataUrl, toDataUrl } from "./data-url";
export { makeThumbnail, THUMB_MAX_SIDE } from "./thumbnail";
export { makePreview } from "./preview";
export { withinBytes } from "./within-bytes";
