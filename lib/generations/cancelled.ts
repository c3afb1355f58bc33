import "server-only";
import type { GenerationRow } from "@/lib/db";

/**
 * Why a row ended failed, in the words its card shows: a cancelled row ends
 * only when the gateway ends its task (there is no cancel upstream), so the
 * reason says both that it was cancelled and how the task ended.
 */
export function failedReason(row: Pick<GenerationRow, "cancelledAt">, reason: string): string {
  return row.cancelledAt === null ? reason : `Cancelled. ${reason}`;
}
