import "server-only";

// One error for every way a picture can be refused. `code` lets the API layer
// choose the status (400 vs 413); `message` is shown to the person as is.

export type ImageErrorCode = "not_an_image" | "unsupported_format" | "too_large";

const IMAGEERROR_BRAND = Symbol.for("nano-studio.ImageError");

export class ImageError extends Error {
  /**
   * True for a ImageError from any copy of this module: Next bundles
   * instrumentation and each route separately, so `instanceof` can fail for
   * an error made by a process-wide singleton.
   */
  static is(value: unknown): value is ImageError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[IMAGEERROR_BRAND] === true;
  }
  readonly [IMAGEERROR_BRAND] = true;
  override name = "ImageError";
  readonly code: ImageErrorCode;

  constructor(code: ImageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export const NOT_AN_IMAGE_MESSAGE = "The file is not a PNG, JPEG or WebP image";
