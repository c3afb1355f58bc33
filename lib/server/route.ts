import "server-only";
import { identify } from "@/lib/auth/identify";
import type { UserRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { errorResponse } from "./http";
import { assertSameOrigin } from "./origin";

type Handler<C> = (input: { request: Request; user: string; viewer: UserRow; context: C }) => Promise<Response>;
type PublicHandler<C> = (input: { request: Request; context: C }) => Promise<Response>;

/**
 * Every API route goes through here (or publicRoute): cross-origin writes
 * refused, the person identified as their account (401 otherwise, 403 for a
 * disabled one, and for a member on an `admin` route), errors mapped to the
 * one error body, and one log line per request (path only: no query, no body).
 */
export function apiRoute<C = unknown>(handler: Handler<C>, opts: { admin?: boolean } = {}) {
  return respond<C>(async (request, context, log) => {
    const viewer = await identify(request);
    log.user = viewer.name;
    if (opts.admin && viewer.role !== "admin") throw new StudioError("forbidden", "Only an admin of the studio can do this");
    return handler({ request, user: viewer.name, viewer, context });
  });
}

/** A route anyone may call (sign-in, health): no identity. */
export function publicRoute<C = unknown>(handler: PublicHandler<C>) {
  return respond<C>((request, context) => handler({ request, context }));
}

function respond<C>(run: (request: Request, context: C, log: { user?: string }) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    const started = performance.now();
    const log: { user?: string } = {};
    let response: Response;
    try {
      assertSameOrigin(request);
      response = await run(request, context, log);
    } catch (error) {
      response = errorResponse(error);
    }
    logger.info(
      {
        method: request.method,
        path: loggablePath(new URL(request.url).pathname),
        status: response.status,
        ms: Math.round(performance.now() - started),
        user: log.user,
      },
      "request",
    );
    return response;
  };
}

/** Paths that carry a secret (an invite or share token) are logged without it. */
const loggablePath = (path: string) => path.replace(/^\/api\/invites\/[^/]+/, "/api/invites/[token]").replace(/^\/s\/[^/]+/, "/s/[token]");

export type IdContext = { params: Promise<{ id: string }> };
