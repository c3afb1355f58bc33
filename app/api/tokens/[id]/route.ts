import { revokeToken } from "@/lib/accounts/tokens";
import { getDeps } from "@/lib/wiring";
import { apiRoute, type IdContext } from "@/lib/server/route";

/** Revokes a token: the caller's own, or anyone's for an admin; from a signed-in browser only. */
export const DELETE = apiRoute<IdContext>(
  async ({ viewer, context }) => {
    await revokeToken(await getDeps(), { viewer, id: (await context.params).id });
    return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
  },
  { auth: "browser" },
);
