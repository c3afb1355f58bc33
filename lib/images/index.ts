import "server-only";

export { ImageError } from "./errors";
export type { ImageErrorCode } from "./errors";
export { inspectImage, extensionFor, DEFAULT_MAX_PIXELS, CONTENT_TYPES } from "./inspect";
export type { ImageInfo, ImageFormat, ImageContentType } from "./inspect";
export { parseImageDataUrl, toDataUrl } from "./data-url";
export { makeThumbnail, THUMB_MAX_SIDE, THUMB_BYTE_BUDGET } from "./thumbnail";
export type { Thumbnail } from "./thumbnail";
export { makePreview } from "./preview";
