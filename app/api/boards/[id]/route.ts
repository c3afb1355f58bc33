import { patchBoardSchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { deleteBoard, getBoard, updateBoard } from "@/lib/boards";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody } from "@/lib/server/http";
import { apiRoute, type IdContext } from "@/lib/server/route";

export const GET = apiRoute<IdContext>(async ({ viewer, context }) =>
  json(await getBoard(await getDeps(), { id: (await context.params).id, viewer })),
);

/** Renames the board or changes who sees it (its owner or an admin). */
export const PATCH = apiRoute<IdContext>(async ({ request, viewer, context }) => {
  const body = patchBoardSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw validationError(body.error);
  return json(await updateBoard(await getDeps(), { id: (await context.params).id, viewer, patch: body.data }));
});

/** Deletes the board; the pictures on it stay. */
export const DELETE = apiRoute<IdContext>(async ({ viewer, context }) => {
  await deleteBoard(await getDeps(), { id: (await context.params).id, viewer });
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});
