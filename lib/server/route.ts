import "server-only";
import { identifyRequest } from "@/lib/auth/identify";
import type { UserRow } from "@/lib/db";
import { StudioError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { getDeps } from "@/lib/wiring";
import { bodyLimitOf, limitRequestBody, type RouteBody } from "./body-limit";
import { errorResponse } from "./http";
import { assertSameOrigin } from "./origin";

type Handler<C> = (input: { request: Request; user: string; viewer: UserRow; context: C }) => Promise<Response>;
type PublicHandler<C> = (input: { request: Request; context: C }) => Promise<Response>;

/**
 * Who may call a route. `admin`: admins only. `auth: "browser"`:
 * a person signed in with a browser (a studio session, or the auth proxy's
 * header, or the local user), never an API token: making, listing and
 * revoking tokens, the session itself (password, sign out everywhere) and
 * every admin route (`admin` implies it), so a stolen token cannot mint
 * itself successors, shut its owner out or act as an admin.
 */
export type RouteAuth = { admin?: boolean; auth?: "any" | "browser" };

/** The caller of a route with these rules: 401/403 as apiRoute answers them. `log` gets the name, refused or not. */
export async function routeCaller(request: Request, opts: RouteAuth = {}, log: { user?: string } = {}): Promise<UserRow> {
  const { user, method } = await identifyRequest(request, { db: (await getDeps()).db });
  log.user = user.name;
  if (method === "token" && (opts.admin || opts.auth === "browser")) {
    throw new StudioError("forbidden", "An API token cannot do this: sign in to the studio in a browser (tokens are made, listed and revoked there, and reach no admin route)");
  }
  if (opts.admin && user.role !== "admin") throw new StudioError("forbidden", "Only an admin of the studio can do this");
  return user;
}

/**
 * Every API route goes through here (or publicRoute): cross-origin writes
 * refused, the person identified as their account (401 otherwise, 403 for a
 * disabled one, for a member on an `admin` route and for a token on a
 * browser-only one, see RouteAuth), a body over the route's limit refused
 * with 413 (16 KB unless it says more, see RouteBody), errors mapped to the
 * one error body, and one log line per request (path only: no query, no body).
 */
export function apiRoute<C = unknown>(handler: Handler<C>, opts: RouteAuth & RouteBody = {}) {
  return respond<C>(async (request, context, log) => {
    const viewer = await routeCaller(request, opts, log);
    return revalidatedRead(request, await handler({ request, user: viewer.name, viewer, context }));
  }, opts);
}

/**
 * A signed-in read's answer (a list, a picture's record, the session) may be
 * kept by the browser but is asked again every time (`private, no-cache`),
 * where `no-store` would keep nothing: a page whose scripts fetched a
 * `no-store` answer is barred from the back/forward cache, so Back to the
 * gallery would start the whole page again. Writes, errors and answers that
 * set their own caching are left as they are; the signed-in documents stay
 * `no-store`, which Chrome lets into that cache only while the cookies are
 * unchanged (a sign-out drops them).
 */
function revalidatedRead(request: Request, response: Response): Response {
  if (request.method !== "GET" || !(response.ok || response.status === 304)) return response;
  if (response.headers.get("cache-control") !== "no-store") return response;
  response.headers.set("cache-control", "private, no-cache");
  return response;
}

/** A route anyone may call (sign-in, health): no identity. */
export function publicRoute<C = unknown>(handler: PublicHandler<C>, opts: RouteBody = {}) {
  return respond<C>((request, context) => handler({ request, context }), opts);
}

function respond<C>(run: (request: Request, context: C, log: { user?: string }) => Promise<Response>, body: RouteBody) {
  return async (request: Request, context: C): Promise<Response> => {
    const started = performance.now();
    const log: { user?: string } = {};
    let response: Response;
    try {
      assertSameOrigin(request);
      // Before anyone is identified: an oversized body is refused without reading it.
      const limited = limitRequestBody(request, { maxBytes: bodyLimitOf(body), tooLargeMessage: body.tooLargeMessage });
      response = await run(limited, context, log);
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
