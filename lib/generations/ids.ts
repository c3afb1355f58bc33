import "server-only";
import { monotonicFactory } from "ulid";

// ULIDs sort by creation time, so "newest first" and keyset paging work on the
// id alone; monotonic so several made in one millisecond keep their order.
const ulid = monotonicFactory();

export const newGenerationId = (now = Date.now()) => `gen_${ulid(now)}`;
export const newReferenceId = (now = Date.now()) => `ref_${ulid(now)}`;
export const newBatchId = (now = Date.now()) => `bat_${ulid(now)}`;
export const newBoardId = (now = Date.now()) => `brd_${ulid(now)}`;
export const newShareId = (now = Date.now()) => `shr_${ulid(now)}`;
