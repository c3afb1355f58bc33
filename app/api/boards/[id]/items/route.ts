import { boardItemsSchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { addToBoard, removeFromBoard } from "@/lib/boards";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody } from "@/lib/server/http";
import { apiRoute, type IdContext } from "@/lib/server/route";

// 200 generation ids are some 6 KB of JSON.
const BODY_LIMIT = 32 * 1024;

/** Puts pictures on the board: all of them, or none when one id is unknown. */
export const POST = apiRoute<IdContext>(async ({ request, viewer, context }) => {
  const body = boardItemsSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw validationError(body.error);
  return json(await addToBoard(await getDeps(), { id: (await context.params).id, viewer, ...body.data }));
}, { maxBodyBytes: BODY_LIMIT });

/** Takes pictures off the board; the pictures stay in the gallery. */
export const DELETE = apiRoute<IdContext>(async ({ request, viewer, context }) => {
  const body = boardItemsSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw validationError(body.error);
  return json(await removeFromBoard(await getDeps(), { id: (await context.params).id, viewer, ...body.data }));
}, { maxBodyBytes: BODY_LIMIT });
