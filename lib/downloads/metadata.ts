import "server-only";
import type { GenerationRow } from "@/lib/db";
import { toGeneration } from "@/lib/generations";

/** One picture in the archive's metadata.json; `file` is its name in the archive. */
export type PictureMetadata = {
  file: string;
  id: string;
  prompt: string;
  model: string;
  aspectRatio: string;
  imageSize: string | null;
  width: number | null;
  height: number | null;
  bytes: number | null;
  contentType: string | null;
  /** As the API shows them: the studio's own copy (/api/references/…) or the link given. */
  references: string[];
  createdBy: string;
  createdAt: string;
  completedAt: string | null;
  batchId: string;
  /** Edit threads: the picture this one was made from (null: an original). */
  parentId: string | null;
  /** What the edit asked for (its prompt) when it has a parent; null for an original, whose prompt describes the whole picture. */
  instruction: string | null;
};

/** What the gallery shows of a picture, for whoever opens the archive later. */
export function pictureMetadata(row: GenerationRow, file: string): PictureMetadata {
  // Through the API's own serializer, so dates, reference URLs and batchId read as the API gives them.
  const shown = toGeneration(row);
  return {
    file,
    id: shown.id,
    prompt: shown.prompt,
    model: shown.model,
    aspectRatio: shown.aspectRatio,
    imageSize: shown.imageSize,
    width: row.imageWidth,
    height: row.imageHeight,
    bytes: row.imageBytes,
    contentType: row.imageContentType,
    references: shown.references.map((r) => r.url),
    createdBy: shown.createdBy,
    createdAt: shown.createdAt,
    completedAt: shown.completedAt,
    batchId: shown.batchId,
    parentId: shown.parentId,
    instruction: shown.parentId === null ? null : shown.prompt,
  };
}
