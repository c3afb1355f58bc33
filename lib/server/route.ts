import "server-only";
import { identify } from "@/lib/auth/identify";
import { logger } from "@/lib/log";
import { errorResponse } from "./http";
import { assertSameOrigin } from "./origin";

type Handler<C> = (input: { request: Request; user: string; context: C }) => Promise<Response>;

/**
 * Every API route goes through here: cross-origin writes refused, the person
 * identified (401 otherwise, unless the route is public), errors mapped to the
 * one error body, and one log line per request (path only: no query, no body).
 */
export function apiRoute<C = unknown>(handler: Handler<C>, opts: { public?: boolean } = {}) {
  return async (request: Request, context: C): Promise<Response> => {
    const started = performance.now();
    let user: string | undefined;
    let response: Response;
    try {
      assertSameOrigin(request);
      user = opts.public ? "" : await identify(request);
      response = await handler({ request, user, context });
    } catch (error) {
      response = errorResponse(error);
    }
    logger.info(
      {
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
        ms: Math.round(performance.now() - started),
        user: user || undefined,
      },
      "request",
    );
    return response;
  };
}

export type IdContext = { params: Promise<{ id: string }> };
