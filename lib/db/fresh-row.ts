import "server-only";
import type { GenerationRow } from "./types";

/**
 * What every new generation row starts with: no task id yet, nothing polled,
 * stored or failed. Spread it and add what the row is (its id, settings,
 * creator and times), so a field added to GenerationRow is added here once.
 */
export const FRESH_GENERATION = {
  upstreamId: null,
  progress: 0,
  errorCode: null,
  errorMessage: null,
  submittedAt: null,
  completedAt: null,
  lastPolledAt: null,
  imageKey: null,
  thumbKey: null,
  imageWidth: null,
  imageHeight: null,
  imageBytes: null,
  imageContentType: null,
  thumbBytes: null,
  favorite: false,
  idempotencyKey: null,
  notFoundCount: 0,
  downloadAttempts: 0,
  resultSeenAt: null,
  resultUrl: null,
  savingReason: null,
  batchId: null,
  cancelledAt: null,
  unansweredSince: null,
  stagedBy: null,
  parentId: null,
  rootId: null,
  templateId: null,
  runId: null,
} as const satisfies Partial<GenerationRow>;
