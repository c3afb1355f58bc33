import "server-only";
import { brand } from "@/lib/brand";

// One error for every way a picture can be refused. `code` lets the API layer
// choose the status (400 vs 413); `message` is shown to the person as is.

export type ImageErrorCode = "not_an_image" | "unsupported_format" | "too_large";

const IMAGEERROR_BRAND = brand("ImageError");

export class ImageError extends Error {
  /** True for a ImageError from any bundled copy of this module (see lib/brand.ts). */
  static is(value: unknown): value is ImageError {
    return IMAGEERROR_BRAND.is(value);
  }
  override name = "ImageError";
  readonly code: ImageErrorCode;

  constructor(code: ImageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    IMAGEERROR_BRAND.mark(this);
    this.code = code;
  }
}

export const NOT_AN_IMAGE_MESSAGE = "The file is not a PNG, JPEG or WebP image";
