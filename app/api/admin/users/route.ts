import { createUserSchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { addPerson } from "@/lib/accounts/people";
import { peopleResponse } from "@/lib/server/admin-start";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

/** Everyone with an account, with this month's pictures and spend (admins only). */
export const GET = apiRoute(async () => json(await peopleResponse()), { admin: true });

/** Adds a person: with a password, or without one to send an invite next. */
export const POST = apiRoute(
  async ({ request, viewer }) => {
    const body = createUserSchema.safeParse(await readJsonBody(request));
    if (!body.success) throw validationError(body.error);
    return json(await addPerson(await getDeps(), { ...body.data, by: viewer.name }), { status: 201 });
  },
  { admin: true },
);
