import "server-only";
import type { BurstBody } from "./errors";

// Which endpoint a request is for, decided from method and path alone so that
// injected failures and statistics apply before any real handling (a proxy in
// front of the gateway fails requests without reading them).

export type RequestKind = "submit" | "poll" | "result" | "chat";

export type RouteMatch =
  | { kind: "submit" }
  | { kind: "poll"; taskId: string }
  | { kind: "result"; taskId: string; via: "content" | "file" }
  | { kind: "chat" }
  | { kind: "other" };

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function matchRoute(method: string, pathname: string): RouteMatch {
  const path = pathname.replace(/\/+$/, "");
  if (method === "POST" && path === "/v1/videos") return { kind: "submit" };
  if (method === "POST" && path === "/v1/chat/completions") return { kind: "chat" };
  if (method !== "GET") return { kind: "other" };
  let m = /^\/v1\/videos\/([^/]+)$/.exec(path);
  if (m) return { kind: "poll", taskId: decode(m[1]) };
  m = /^\/v1\/videos\/([^/]+)\/content$/.exec(path);
  if (m) return { kind: "result", taskId: decode(m[1]), via: "content" };
  m = /^\/v1\/files\/([^/]+)\.png$/.exec(path);
  if (m) return { kind: "result", taskId: decode(m[1]), via: "file" };
  return { kind: "other" };
}

export type Burst = {
  status: number;
  count: number;
  body?: BurstBody;
  retryAfterSeconds?: number;
  only?: RequestKind;
};

/** Consumes one use of the first queued burst that applies to this request, if any. */
export function takeBurst(
  queue: Burst[],
  kind: RouteMatch["kind"],
): { status: number; body: BurstBody; retryAfterSeconds?: number } | undefined {
  const index = queue.findIndex((b) => b.count > 0 && (b.only === undefined || b.only === kind));
  if (index < 0) return undefined;
  const burst = queue[index];
  burst.count -= 1;
  if (burst.count <= 0) queue.splice(index, 1);
  return { status: burst.status, body: burst.body ?? "json", retryAfterSeconds: burst.retryAfterSeconds };
}
