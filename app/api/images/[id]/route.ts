import { generationIdSchema, imageQuerySchema } from "@/lib/contract";
import { StudioError, validationError } from "@/lib/errors";
import { openImage } from "@/lib/generations";
import { getDeps } from "@/lib/wiring";
import { fileResponse } from "@/lib/server/files";
import { searchParamsObject } from "@/lib/server/http";
import { apiRoute, publicRoute, type IdContext } from "@/lib/server/route";
import { checkImageLink, imageLinkKey } from "@/lib/server/signed-links";

async function serve(request: Request, context: IdContext, opts: { signed: boolean }): Promise<Response> {
  const id = generationIdSchema.safeParse((await context.params).id);
  const query = imageQuerySchema.safeParse(searchParamsObject(request.url));
  const deps = await getDeps();
  if (opts.signed) {
    // A link that does not check out says so the same way, whatever is wrong with it.
    const link = query.success ? query.data : undefined;
    const check =
      id.success && link?.exp && link.sig
        ? checkImageLink({ key: await imageLinkKey(deps.db), id: id.data, exp: link.exp, sig: link.sig, now: Date.now() })
        : "invalid";
    if (check !== "valid") {
      throw new StudioError("forbidden", check === "expired" ? "This picture link has expired; ask for the picture again" : "This picture link is not valid");
    }
  }
  if (!id.success) throw new StudioError("not_found", "There is no picture with this id");
  if (!query.success) throw validationError(query.error, "query");
  const file = await openImage(deps, { id: id.data, variant: query.data.variant });
  return fileResponse(request, file, { download: query.data.download });
}

const signedIn = apiRoute<IdContext>(({ request, context }) => serve(request, context, { signed: false }));
// A signed link (see lib/server/signed-links.ts) is its own permission: no cookie, no token.
const signedLink = publicRoute<IdContext>(({ request, context }) => serve(request, context, { signed: true }));

export function GET(request: Request, context: IdContext): Promise<Response> {
  const params = new URL(request.url).searchParams;
  return params.has("exp") || params.has("sig") ? signedLink(request, context) : signedIn(request, context);
}
