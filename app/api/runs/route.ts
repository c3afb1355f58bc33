import { createRunSchema } from "@/lib/contract-runs";
import { validationError } from "@/lib/errors";
import { createRun } from "@/lib/runs";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

// Who may call it: any signed-in member or token, with a template they see
// (someone else's private one is a 404); the run is theirs and counts
// against their own limits.

/** A template run once per row of a table: with dryRun the preview (200), else the batches (201). */
export const POST = apiRoute(
  async ({ request, viewer }) => {
    const body = createRunSchema.safeParse(await readJsonBody(request));
    if (!body.success) throw validationError(body.error);
    const answer = await createRun(await getDeps(), { request: body.data, person: viewer });
    return "preview" in answer ? json(answer.preview) : json(answer.run, { status: 201 });
  },
  // A table at its longest (MAX_RUN_TABLE_CHARS, 3 bytes a character in Chinese), as JSON.
  { maxBodyBytes: 1024 * 1024 },
);
