import { getRun } from "@/lib/runs";
import { getDeps } from "@/lib/wiring";
import { json } from "@/lib/server/http";
import { apiRoute, type IdContext } from "@/lib/server/route";

// Who may call it: any signed-in member or token (every member sees every
// picture, and a run's values are in its pictures' prompts). Unknown: 404.

/** A run's rows, batches and progress. */
export const GET = apiRoute<IdContext>(async ({ viewer, context }) => json(await getRun(await getDeps(), { id: (await context.params).id, viewer })));
