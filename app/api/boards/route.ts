import { createBoardSchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { createBoard, listBoards } from "@/lib/boards";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

/** Every team board and the caller's private ones, with counts and covers. */
export const GET = apiRoute(async ({ viewer }) => json({ items: await listBoards(await getDeps(), { viewer }) }));

export const POST = apiRoute(async ({ request, viewer }) => {
  const body = createBoardSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw validationError(body.error);
  return json(await createBoard(await getDeps(), { viewer, ...body.data }), { status: 201 });
});
