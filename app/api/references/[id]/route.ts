import { referenceIdSchema } from "@/lib/contract";
import { StudioError } from "@/lib/errors";
import { getDeps, openReference } from "@/lib/generations";
import { fileResponse } from "@/lib/server/files";
import { errorResponse } from "@/lib/server/http";
import { currentUser } from "@/lib/server/user";

export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    await currentUser(request);
    const id = referenceIdSchema.safeParse((await context.params).id);
    if (!id.success) throw new StudioError("not_found", "There is no reference image with this id");
    const download = new URL(request.url).searchParams.get("download") === "1";
    return fileResponse(request, await openReference(getDeps(), { id: id.data }), { download });
  } catch (error) {
    return errorResponse(error);
  }
}
