import { putPricesSchema } from "@/lib/contract";
import { validationError } from "@/lib/errors";
import { pricesView, setPrices } from "@/lib/accounts/price-settings";
import { getDeps } from "@/lib/wiring";
import { json, readJsonBody } from "@/lib/server/http";
import { apiRoute } from "@/lib/server/route";

/** Prices in force per model (and size), and where each comes from. */
export const GET = apiRoute(async () => json(await pricesView(await getDeps())), { admin: true });

/** Admins set prices; null takes the studio's price away (back to STUDIO_PRICES). */
export const PUT = apiRoute(
  async ({ request, viewer }) => {
    const body = putPricesSchema.safeParse(await readJsonBody(request));
    if (!body.success) throw validationError(body.error);
    const deps = await getDeps();
    await setPrices(deps, { prices: body.data.prices, by: viewer.name });
    return json(await pricesView(deps));
  },
  { admin: true },
);
