import "server-only";
import type { UserRow } from "@/lib/db";
import { logger } from "@/lib/log";
import { assertSameOrigin } from "@/lib/server/origin";
import { routeCaller } from "@/lib/server/route";
import { openAiErrorResponse } from "./errors";

type Handler = (input: { request: Request; viewer: UserRow }) => Promise<Response>;

/**
 * apiRoute for /v1: the same identity (a personal token, or whatever
 * STUDIO_AUTH names), the same one log line per request (path only), but
 * every error in OpenAI's shape.
 */
export function openAiRoute(handler: Handler) {
  return async (request: Request): Promise<Response> => {
    const started = performance.now();
    let user: string | undefined;
    let response: Response;
    try {
      // As on /api: cross-site writes with a visitor's cookie are refused; a
      // personal token without a cookie is let through (see origin.ts).
      assertSameOrigin(request);
      const viewer = await routeCaller(request);
      user = viewer.name;
      response = await handler({ request, viewer });
    } catch (error) {
      response = openAiErrorResponse(error);
    }
    logger.info(
      { method: request.method, path: new URL(request.url).pathname, status: response.status, ms: Math.round(performance.now() - started), user },
      "request",
    );
    return response;
  };
}
