import "server-only";
import { readCappedBody } from "@/lib/read-capped";
import { GatewayError } from "./errors";

// Low-level HTTP helpers shared by the client's calls: timeouts, telling a
// request that never left from one whose answer was lost, and capped reads.

/** Errors before any byte was sent: the gateway cannot have started a task. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH", "ENETUNREACH"]);

function causeCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === "object"; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === "TimeoutError" || name === "AbortError";
}

/** A thrown fetch error → GatewayError; says whether a submit may have gone through. */
export function networkError(error: unknown, what: string): GatewayError {
  if (GatewayError.is(error)) return error;
  if (isTimeout(error)) {
    return new GatewayError({ kind: "unavailable", message: `The gateway did not answer in time (${what})`, outcomeUnknown: true });
  }
  const code = causeCode(error);
  const sent = !(code && NOT_SENT_CODES.has(code));
  return new GatewayError({
    kind: "unavailable",
    message: `Could not reach the gateway (${what}${code ? `: ${code}` : ""})`,
    outcomeUnknown: sent,
  });
}

/** Read a body up to `maxBytes`, refusing (not truncating) anything larger. */
export async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const bytes = await readCappedBody(response, maxBytes, { preallocate: true });
  if (bytes === "too_large") throw tooLarge(maxBytes);
  return bytes;
}

function tooLarge(maxBytes: number): GatewayError {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return new GatewayError({ kind: "invalid", message: `The result is larger than the ${mb} MB limit` });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
