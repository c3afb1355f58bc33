import { createBoardSchema, listBoardsQuerySchema } from "@/lib/contract";
import { getConfig } from "@/lib/config";
import { validationError } from "@/lib/errors";
import { createBoard, listBoards } from "@/lib/boards";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody, searchParamsObject } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

/** Every team board and the caller's private ones, by name, with counts and covers: a page at a time (`limit`, `cursor`). */
export const GET = apiRoute(async ({ request, viewer }) => {
  const query = listBoardsQuerySchema.safeParse(searchParamsObject(request.url));
  if (!query.success) throw validationError(query.error, "query");
  return json(await listBoards(await getDeps(), { viewer, ...query.data }));
});

/** A new board of the caller's; past STUDIO_MAX_BOARDS of theirs, 429. */
export const POST = apiRoute(async ({ request, viewer }) => {
  const body = createBoardSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw validationError(body.error);
  return json(await createBoard(await getDeps(), { viewer, ...body.data, maxOwned: getConfig().boardsPerPerson }), { status: 201 });
});
