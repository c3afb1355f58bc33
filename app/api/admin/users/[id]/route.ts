import { patchUserSchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { changePerson } from "@/lib/accounts/people";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody } from "@/lib/server/http";
import { apiRoute, type IdContext } from "@/lib/server/route";

/** Role, state, limits (null = the studio's) or a new password for a person (admins only). */
export const PATCH = apiRoute<IdContext>(
  async ({ request, viewer, context }) => {
    const body = patchUserSchema.safeParse(await readJsonBody(request, 64 * 1024));
    if (!body.success) throw validationError(body.error);
    return json(await changePerson(await getDeps(), { id: (await context.params).id, patch: body.data, by: viewer }));
  },
  { admin: true },
);
