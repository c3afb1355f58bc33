import { revokeShare } from "@/lib/shares/commands";
import { getDeps } from "@/lib/wiring";
import { apiRoute, type IdContext } from "@/lib/server/route";

/** Revokes a share link at once: the caller's own, or anyone's for an admin. */
export const DELETE = apiRoute<IdContext>(async ({ viewer, context }) => {
  await revokeShare(await getDeps(), { viewer, id: (await context.params).id });
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});
