import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { StudioDatabase } from "@/lib/db";
import { isHttps } from "@/lib/net/is-https";
import { processSingleton } from "@/lib/singleton";

// Links to a stored picture that work without a cookie (the OpenAI API's
// `response_format: "url"`): `/api/images/<id>?exp=<unix s>&sig=<hmac>`, the
// HMAC-SHA256 of `<id>.<exp>` under a key the studio makes once and every
// instance shares (studio_settings), so a link made by one instance opens on
// any other. A link names one picture and dies at `exp`.

/** How long a link made for an API answer works. */
export const IMAGE_LINK_TTL_SECONDS = 3_600;
export const IMAGE_LINK_KEY_SETTING = "image-link-key";

export type LinkCheck = "valid" | "invalid" | "expired";

const signature = (key: Buffer, input: { id: string; exp: number }) =>
  createHmac("sha256", key).update(`${input.id}.${input.exp}`).digest("base64url");

/** Pure: the query parameters that open `id` until `now + ttlSeconds`. */
export function signImageLink(input: { key: Buffer; id: string; now: number; ttlSeconds?: number }): { exp: number; sig: string } {
  const exp = Math.floor(input.now / 1000) + (input.ttlSeconds ?? IMAGE_LINK_TTL_SECONDS);
  return { exp, sig: signature(input.key, { id: input.id, exp }) };
}

/** Pure: whether `exp` + `sig` open `id` at `now` (ms). The signature is checked before the time. */
export function checkImageLink(input: { key: Buffer; id: string; exp: string | number; sig: string; now: number }): LinkCheck {
  const exp = typeof input.exp === "number" ? input.exp : /^\d{1,12}$/.test(input.exp) ? Number(input.exp) : NaN;
  if (!Number.isSafeInteger(exp)) return "invalid";
  const expected = Buffer.from(signature(input.key, { id: input.id, exp }));
  const given = Buffer.from(input.sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "invalid";
  return exp * 1000 > input.now ? "valid" : "expired";
}

/** One read of the shared key per database per process; a failed read is tried again next time. */
const keys = processSingleton("image-link-keys", () => new WeakMap<StudioDatabase, Promise<Buffer>>());

export function imageLinkKey(db: StudioDatabase): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = db
      .ensureSetting({ key: IMAGE_LINK_KEY_SETTING, candidate: randomBytes(32).toString("base64url"), now: Date.now() })
      .then((value) => Buffer.from(value, "base64url"));
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

/** The studio's address as this request reached it (behind a proxy: its forwarded host and scheme, as sign-in does). */
export function requestOrigin(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0].trim();
  const host = forwarded || request.headers.get("host") || new URL(request.url).host;
  return `${isHttps(request) ? "https" : "http"}://${host}`;
}

/** An absolute link to the picture that needs no cookie and works for an hour. */
export async function signedImageUrl(input: { request: Request; db: StudioDatabase; id: string; now?: number }): Promise<string> {
  const { exp, sig } = signImageLink({ key: await imageLinkKey(input.db), id: input.id, now: input.now ?? Date.now() });
  return `${requestOrigin(input.request)}/api/images/${encodeURIComponent(input.id)}?exp=${exp}&sig=${sig}`;
}
