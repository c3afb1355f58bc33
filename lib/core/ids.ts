import "server-only";
import { monotonicFactory } from "ulid";
import { MAX_IN_PLACE_RETRIES } from "@/lib/contract-values";

// ULIDs sort by creation time, so "newest first" and keyset paging work on the
// id alone; monotonic so several made in one millisecond keep their order.
const ulid = monotonicFactory();

export const newGenerationId = (now = Date.now()) => `gen_${ulid(now)}`;
export const newReferenceId = (now = Date.now()) => `ref_${ulid(now)}`;
export const newBatchId = (now = Date.now()) => `bat_${ulid(now)}`;
export const newBoardId = (now = Date.now()) => `brd_${ulid(now)}`;
export const newShareId = (now = Date.now()) => `shr_${ulid(now)}`;
export const newTemplateId = (now = Date.now()) => `tpl_${ulid(now)}`;
export const newRunId = (now = Date.now()) => `run_${ulid(now)}`;

/**
 * The id of a retry that takes `failedId`'s place: the gallery is
 * newest first by id, and `failedId + "0"` sorts right after it and before
 * every id made later (only ids that start with `failedId` lie between, and
 * only a retry of it makes one). Undefined once a picture has been retried in
 * place MAX_IN_PLACE_RETRIES times: that retry gets a new id.
 */
export function idInPlaceOf(failedId: string): string | undefined {
  const retries = /0*$/.exec(failedId.slice("gen_".length + 26))![0].length;
  return retries < MAX_IN_PLACE_RETRIES ? `${failedId}0` : undefined;
}
