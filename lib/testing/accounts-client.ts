import { expect, vi } from "vitest";

// What the API tests on STUDIO_AUTH=accounts share: requests to the real route
// handlers as browsers (a session cookie) or scripts (a bearer token), signing
// in, and the log lines the studio wrote. Call after bootStudio: the route
// modules and the logger read the configuration once, on import.

export type ApiRequestInit = {
  method?: string;
  cookie?: string;
  bearer?: string;
  /** An object is sent as JSON; a string as it is (for malformed bodies). */
  body?: unknown;
  headers?: Record<string, string>;
};

export const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
export const cookieOf = (res: Response) => res.headers.get("set-cookie")!.split(";")[0];
export const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

/**
 * Requests from a client address that changes with every sign-in, so the
 * per-address sign-in throttle never counts one test's people against another's.
 */
export function accountsClient() {
  let address = 10;
  const req = (path: string, init: ApiRequestInit = {}) =>
    new Request(`http://studio.test${path}`, {
      method: init.method ?? "GET",
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": `192.0.2.${address}`,
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(init.bearer !== undefined ? { authorization: `Bearer ${init.bearer}` } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
    });
  /** POST /api/session from a new address: the answer, for tests of refusals. */
  async function signInResponse(name: string, password: string): Promise<Response> {
    address++;
    const { POST } = await import("@/app/api/session/route");
    return POST(req("/api/session", { method: "POST", body: { name, password } }), undefined);
  }
  /** Signs in and gives the session cookie. */
  async function signIn(name: string, password: string): Promise<string> {
    const res = await signInResponse(name, password);
    expect(res.status).toBe(204);
    return cookieOf(res);
  }
  return { req, signIn, signInResponse };
}

/** Every info, warn and error line the studio logs from now on, as JSON text. */
export async function captureLogs(): Promise<string[]> {
  const logged: string[] = [];
  const { logger } = await import("@/lib/log");
  for (const level of ["info", "warn", "error"] as const) {
    const original = logger[level].bind(logger);
    vi.spyOn(logger, level).mockImplementation(((...args: unknown[]) => {
      logged.push(JSON.stringify(args));
      return (original as (...a: unknown[]) => void)(...args);
    }) as never);
  }
  return logged;
}
