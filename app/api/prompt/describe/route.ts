import { describeReferenceSchema } from "@/lib/contract-prompt";
import { validationError } from "@/lib/errors";
import { describeReference } from "@/lib/prompt-help";
import { getPromptHelpDeps } from "@/lib/wiring";
import { json, readJsonBody } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

/** A prompt that would make the reference picture, in `locale`'s language: a suggestion only. 404 when off, 429 past the day's allowance, 502 naming the gateway's trouble. */
export const POST = apiRoute(
  async ({ request, viewer }) => {
    const body = describeReferenceSchema.safeParse(await readJsonBody(request));
    if (!body.success) throw validationError(body.error);
    return json(await describeReference(await getPromptHelpDeps(), { viewer, ...body.data }));
  },
  // One reference of up to 7 MB as a data URL.
  { maxBodyBytes: 10 * 1024 * 1024 },
);
