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
  /** A bulk run's picture: its run, the template run, and its row's values by blank (null: not made by a run). */
  runId: string | null;
  templateId: string | null;
  values: Record<string, string> | null;
};

/** A run's record as metadata reads it: each row's values and the batch each row made. */
export type RunValues = { batchIds: readonly string[]; rows: readonly Record<string, string>[] };

/** What the gallery shows of a picture, for whoever opens the archive later. */
export function pictureMetadata(row: GenerationRow, file: string, run?: RunValues): PictureMetadata {
  const rowOfRun = run && row.batchId ? run.batchIds.indexOf(row.batchId) : -1;
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
    runId: shown.runId,
    templateId: shown.templateId,
    values: rowOfRun >= 0 ? { ...run!.rows[rowOfRun] } : null,
  };
}
