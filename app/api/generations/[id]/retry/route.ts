import { generationIdSchema } from "@/lib/contract";
import { StudioError } from "@/lib/errors";
import { getDeps, retryGeneration } from "@/lib/generations";
import { errorResponse, json } from "@/lib/server/http";
import { currentUser } from "@/lib/server/user";

export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    const user = await currentUser(request);
    const id = generationIdSchema.safeParse((await context.params).id);
    if (!id.success) throw new StudioError("not_found", "There is no generation with this id");
    return json({ generations: await retryGeneration(getDeps(), { id: id.data, user }) }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
