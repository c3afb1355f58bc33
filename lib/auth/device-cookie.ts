import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { serialize } from "cookie";
import { z } from "zod";

// Device cookies, as OWASP's "Slow Down Online Guessing Attacks with Device
// Cookies" describes them: a browser that once signed in as an account gets
// a long-lived cookie naming that account, a random nonce and an HMAC of both
// under a server key. A later password check for that account from that
// browser is counted on its own (the throttle's per-device count), not with
// the client address, so guesses sprayed from an office address at other
// names do not lock out a colleague whose browser is known. The cookie is no
// authenticator: it only moves the attempt to another count, and the
// password is still checked.
//
// One cookie per account per browser (its name carries a digest of the
// account), so a shared browser used by two people keeps both. The account in
// the throttle's sense: the name typed (accounts mode), or the shared-password
// key (password mode).

export const DEVICE_COOKIE_PREFIX = "studio_device_";
/** Sent only to sign-in and to the password change below it. */
export const DEVICE_COOKIE_PATH = "/api/session";
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 86_400;

const NONCE_BYTES = 16;
const b64 = (bytes: number) => Math.ceil((bytes * 4) / 3);
const part = (length: number | string) => `[A-Za-z0-9_-]{${length}}`;

/** `<account, base64url>.<nonce>.<hmac>`: names are at most 64 characters, so 400 covers any in UTF-8. */
const deviceCookieValue = z
  .string()
  .regex(new RegExp(`^${part("1,400")}\\.${part(b64(NONCE_BYTES))}\\.${part(b64(32))}$`))
  .transform((value) => {
    const [account, nonce, mac] = value.split(".");
    return { account: Buffer.from(account, "base64url").toString("utf8"), nonce, mac };
  });

const macOf = (key: Buffer, input: { account: string; nonce: string }) =>
  createHmac("sha256", key).update(`${Buffer.from(input.account, "utf8").toString("base64url")}.${input.nonce}`).digest();

/** The cookie's name for an account: a digest, so the name says nothing readable and fits any account. */
export const deviceCookieName = (account: string) => `${DEVICE_COOKIE_PREFIX}${createHash("sha256").update(account, "utf8").digest("hex").slice(0, 16)}`;

/** Pure: a new device cookie's value for the account (a fresh nonce unless given). */
export function signDeviceCookie(input: { key: Buffer; account: string; nonce?: string }): string {
  const nonce = input.nonce ?? randomBytes(NONCE_BYTES).toString("base64url");
  return `${Buffer.from(input.account, "utf8").toString("base64url")}.${nonce}.${macOf(input.key, { account: input.account, nonce }).toString("base64url")}`;
}

/**
 * Pure: the device's id (a digest of its nonce, what the throttle counts it
 * by) when `value` is a cookie this key signed for this very account; else
 * undefined (absent, malformed, forged, altered, or another account's).
 */
export function verifyDeviceCookie(input: { key: Buffer; account: string; value: string | undefined }): string | undefined {
  const parsed = deviceCookieValue.safeParse(input.value);
  if (!parsed.success || parsed.data.account !== input.account) return undefined;
  const expected = macOf(input.key, { account: input.account, nonce: parsed.data.nonce });
  const given = Buffer.from(parsed.data.mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return createHash("sha256").update(parsed.data.nonce).digest("base64url").slice(0, 22);
}

/** The Set-Cookie line that keeps a device cookie in the browser for a year. */
export function deviceCookieHeader(input: { account: string; value: string; secure: boolean }): string {
  return serialize(deviceCookieName(input.account), input.value, {
    path: DEVICE_COOKIE_PATH,
    httpOnly: true,
    sameSite: "lax",
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
    secure: input.secure,
  });
}
