import { createGenerationSchema, listGenerationsQuerySchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { createGenerations, getDeps, listGenerations } from "@/lib/generations";
import { errorResponse, json, readJsonBody, searchParamsObject } from "@/lib/server/http";
import { currentUser } from "@/lib/server/user";

export async function GET(request: Request) {
  try {
    const user = await currentUser(request);
    const query = listGenerationsQuerySchema.safeParse(searchParamsObject(request.url));
    if (!query.success) throw validationError(query.error, "query");
    return json(await listGenerations(getDeps(), { query: query.data, user }));
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request) {
  try {
    const user = await currentUser(request);
    const body = createGenerationSchema.safeParse(await readJsonBody(request));
    if (!body.success) throw validationError(body.error);
    const generations = await createGenerations(getDeps(), { request: body.data, createdBy: user });
    return json({ generations }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
