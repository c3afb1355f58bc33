import { studioSettingsSchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { setStudioSettings, studioSettings } from "@/lib/accounts/settings";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

/** What admins set in the studio: the longest an API token lives (admins, from a browser). */
export const GET = apiRoute(async () => json(await studioSettings(await getDeps())), { admin: true });

/** Changes the settings; a lower token maximum shortens every token from the next request. */
export const PUT = apiRoute(
  async ({ request, viewer }) => {
    const body = studioSettingsSchema.safeParse(await readJsonBody(request));
    if (!body.success) throw validationError(body.error);
    return json(await setStudioSettings(await getDeps(), { settings: body.data, by: viewer.name }));
  },
  { admin: true },
);
