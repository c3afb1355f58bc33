import "server-only";
import { listTokens } from "@/lib/accounts/tokens";
import { listTokensQuerySchema } from "@/lib/contract";
import type { TokensStart } from "@/lib/contract-feed";
import type { UserRow } from "@/lib/db";
import { getDeps } from "@/lib/wiring";


// The API's default page: one page holds every token one person may have.
const FIRST_PAGE = listTokensQuerySchema.parse({}).limit;

/**
 * Read with /tokens and sent with its HTML, as /admin's people are: the
 * tables are in the first paint and the page asks nothing at mount.
 */
export async function tokensStart(viewer: UserRow): Promise<TokensStart> {
  const deps = await getDeps();
  const [mine, everyone] = await Promise.all([
    listTokens(deps, { viewer, all: false, limit: FIRST_PAGE }),
    viewer.role === "admin" ? listTokens(deps, { viewer, all: true, limit: FIRST_PAGE }) : Promise.resolve(null),
  ]);
  return { mine, everyone };
}
