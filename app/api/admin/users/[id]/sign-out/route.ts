import { adminSignOutSchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { signOutPerson } from "@/lib/accounts/sign-out";
import { getDeps } from "@/lib/wiring";
import { json, readOptionalJsonBody } from "@/lib/server/http";
import { apiRoute, type IdContext } from "@/lib/server/route";

/** Ends every session of a person and, unless endTokens is false, their API tokens (admins, from a browser). */
export const POST = apiRoute<IdContext>(
  async ({ request, viewer, context }) => {
    const body = adminSignOutSchema.safeParse((await readOptionalJsonBody(request)) ?? {});
    if (!body.success) throw validationError(body.error);
    return json(await signOutPerson(await getDeps(), { userId: (await context.params).id, endTokens: body.data.endTokens, by: viewer.name }));
  },
  { admin: true },
);
