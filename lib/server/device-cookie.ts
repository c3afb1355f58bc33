import "server-only";
import { createHmac } from "node:crypto";
import { deviceCookieHeader, deviceCookieName, signDeviceCookie, verifyDeviceCookie } from "@/lib/auth/device-cookie";
import { readCookie } from "@/lib/auth/session-cookie";
import type { StudioDatabase } from "@/lib/db";
import { isHttps } from "@/lib/net/is-https";
import { imageLinkKey } from "./signed-links";

// The device cookies of lib/auth/device-cookie.ts at the edge: their key and
// reading and setting them on a request. The key is derived from the shared
// signing key in studio_settings, which every auth mode and every instance
// has (STUDIO_SESSION_SECRET exists only in some modes), under its own label
// so a device cookie's HMAC can never pass for a picture link's.

const deviceKey = async (db: StudioDatabase) => createHmac("sha256", await imageLinkKey(db)).update("studio device cookie v1").digest();

/** The id of a device cookie this request carries for the account, when it is genuine; else undefined. */
export async function trustedDevice(input: { db: StudioDatabase; request: Request; account: string }): Promise<string | undefined> {
  const value = readCookie(input.request, deviceCookieName(input.account));
  if (value === undefined) return undefined;
  return verifyDeviceCookie({ key: await deviceKey(input.db), account: input.account, value });
}

/** After a right password: a fresh device cookie for the account (a new nonce each time, as OWASP advises). */
export async function deviceCookieFor(input: { db: StudioDatabase; request: Request; account: string }): Promise<string> {
  const value = signDeviceCookie({ key: await deviceKey(input.db), account: input.account });
  return deviceCookieHeader({ account: input.account, value, secure: isHttps(input.request) });
}
