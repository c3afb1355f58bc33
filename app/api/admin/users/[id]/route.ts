import { adminListOf } from "@/lib/auth/accounts";
import { getConfig } from "@/lib/config";
import { patchUserSchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { changePerson } from "@/lib/accounts/people";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody } from "@/lib/server/http";
import { apiRoute, type IdContext } from "@/lib/server/route";

/**
 * Role, state, limits (null = the studio's) or a new password for a person
 * (admins, from a browser). A reset or a disable ends their sessions and tokens.
 */
export const PATCH = apiRoute<IdContext>(
  async ({ request, viewer, context }) => {
    const body = patchUserSchema.safeParse(await readJsonBody(request));
    if (!body.success) throw validationError(body.error);
    const adminList = adminListOf(getConfig().auth);
    return json(await changePerson(await getDeps(), { id: (await context.params).id, patch: body.data, by: viewer, adminList }));
  },
  { admin: true },
);
