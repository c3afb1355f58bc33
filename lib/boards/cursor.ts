import "server-only";
import { z } from "zod";
import { boardIdSchema } from "@/lib/contract";
import { MAX_BOARD_NAME } from "@/lib/contract-values";
import type { BoardCursor } from "@/lib/db";
import { StudioError } from "@/lib/errors";

// The boards list's cursor: boards are listed by name, so a page
// ends at a name and an id. Both travel in the cursor (base64url JSON, opaque
// to clients), so the next page starts at the right place even when that
// board was renamed or deleted in between.

const cursorSchema = z.tuple([z.string().max(MAX_BOARD_NAME * 2), boardIdSchema]);

export function encodeBoardCursor(board: BoardCursor): string {
  return Buffer.from(JSON.stringify([board.name, board.id])).toString("base64url");
}

/** The cursor a previous page gave, or a 400. */
export function decodeBoardCursor(cursor: string): BoardCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  const parsed = cursorSchema.safeParse(value);
  if (!parsed.success) throw new StudioError("invalid_request", "Invalid query: cursor: cursor must come from a previous page");
  return { name: parsed.data[0], id: parsed.data[1] };
}
