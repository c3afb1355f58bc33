import { randomBytes } from "node:crypto";
import { parse } from "cookie";
import { describe, expect, it } from "vitest";
import { DEVICE_COOKIE_PREFIX, deviceCookieHeader, deviceCookieName, signDeviceCookie, verifyDeviceCookie } from "./device-cookie";

const key = randomBytes(32);

describe("device cookies", () => {
  it("a cookie signed for an account verifies for it, to an id that is the same for the same nonce and differs between cookies", () => {
    const value = signDeviceCookie({ key, account: "alice" });
    const id = verifyDeviceCookie({ key, account: "alice", value });
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(verifyDeviceCookie({ key, account: "alice", value })).toBe(id);
    expect(verifyDeviceCookie({ key, account: "alice", value: signDeviceCookie({ key, account: "alice" }) })).not.toBe(id);
    // Names with any allowed character, up to 64 of them, and password mode's shared key.
    for (const account of ["李雷 the 2nd", "x".repeat(64), "*"]) {
      expect(verifyDeviceCookie({ key, account, value: signDeviceCookie({ key, account }) })).toBeDefined();
    }
  });

  it("another account's cookie, another key's, an altered one or garbage verify to nothing", () => {
    const value = signDeviceCookie({ key, account: "alice" });
    const [account, nonce, mac] = value.split(".");
    const flip = (s: string) => (s.startsWith("A") ? "B" : "A") + s.slice(1);
    const bobs = signDeviceCookie({ key, account: "bob" });
    for (const wrong of [
      bobs,
      `${account}.${bobs.split(".")[1]}.${mac}`, // alice's name and mac, bob's nonce
      `${bobs.split(".")[0]}.${nonce}.${mac}`, // bob's name on alice's cookie
      signDeviceCookie({ key: randomBytes(32), account: "alice" }),
      `${account}.${flip(nonce)}.${mac}`,
      `${account}.${nonce}.${flip(mac)}`,
      `${account}.${nonce}.${mac}x`,
      `${account}.${nonce}`,
      "",
      "not-a-device-cookie",
      undefined,
    ]) {
      expect(verifyDeviceCookie({ key, account: "alice", value: wrong })).toBeUndefined();
    }
    expect(verifyDeviceCookie({ key, account: "bob", value })).toBeUndefined();
  });

  it("one cookie name per account; HttpOnly, SameSite=Lax, a year, sent only to /api/session, Secure when asked", () => {
    expect(deviceCookieName("alice")).toMatch(new RegExp(`^${DEVICE_COOKIE_PREFIX}[0-9a-f]{16}$`));
    expect(deviceCookieName("alice")).toBe(deviceCookieName("alice"));
    expect(deviceCookieName("alice")).not.toBe(deviceCookieName("bob"));
    const value = signDeviceCookie({ key, account: "alice" });
    const line = deviceCookieHeader({ account: "alice", value, secure: true });
    expect(parse(line.split(";")[0])[deviceCookieName("alice")]).toBe(value);
    expect(line).toMatch(/; Max-Age=31536000; Path=\/api\/session; HttpOnly; Secure; SameSite=Lax$/);
    expect(deviceCookieHeader({ account: "alice", value, secure: false })).not.toMatch(/Secure/);
  });
});
