import { sharePreviewQuerySchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { previewBoardShare } from "@/lib/shares/commands";
import { getDeps } from "@/lib/wiring";
import { json, searchParamsObject } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

/**
 * Before a board link is made: how many finished pictures it would show and
 * how many it leaves out (a member's link shows only her own pictures). Only
 * for whoever may share the board (403 for a team board one only sees, 404
 * for someone else's private board).
 */
export const GET = apiRoute(async ({ request, viewer }) => {
  const query = sharePreviewQuerySchema.safeParse(searchParamsObject(request.url));
  if (!query.success) throw validationError(query.error, "query");
  return json(await previewBoardShare(await getDeps(), { viewer, boardId: query.data.boardId }));
});
