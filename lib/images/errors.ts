import "server-only";

// One error for every way a picture can be refused. `code` lets the API layer
// choose the status (400 vs 413); `message` is shown to the person as is.

export type ImageErrorCode = "not_an_image" | "unsupported_format" | "too_large";

export class ImageError extends Error {
  override name = "ImageError";
  readonly code: ImageErrorCode;

  constructor(code: ImageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export const NOT_AN_IMAGE_MESSAGE = "The file is not a PNG, JPEG or WebP image";
