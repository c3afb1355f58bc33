import { createInvite } from "@/lib/accounts/invites";
import { getDeps } from "@/lib/wiring";
import { json } from "@/lib/server/http";
import { apiRoute, type IdContext } from "@/lib/server/route";

/** A one-time link for the person to set their password; the token is in this answer only. */
export const POST = apiRoute<IdContext>(
  async ({ viewer, context }) => json(await createInvite(await getDeps(), { userId: (await context.params).id, by: viewer }), { status: 201 }),
  { admin: true },
);
