import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { StudioDatabase } from "@/lib/db";
import { IMAGE_LINK_TTL_SECONDS, checkImageLink, imageLinkKey, requestOrigin, signImageLink, signedImageUrl } from "./signed-links";

const key = randomBytes(32);
const id = "gen_01JABCDEFGHJKMNPQRSTVWXYZ0";
const other = "gen_01JABCDEFGHJKMNPQRSTVWXYZ1";
const now = 1_800_000_000_000;

describe("signed image links", () => {
  it("a fresh link opens its picture until exp, an hour from now", () => {
    const { exp, sig } = signImageLink({ key, id, now });
    expect(exp).toBe(now / 1000 + IMAGE_LINK_TTL_SECONDS);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(checkImageLink({ key, id, exp, sig, now })).toBe("valid");
    expect(checkImageLink({ key, id, exp: String(exp), sig, now: now + 3_599_000 })).toBe("valid");
  });

  it("expires at exp", () => {
    const { exp, sig } = signImageLink({ key, id, now });
    expect(checkImageLink({ key, id, exp, sig, now: exp * 1000 })).toBe("expired");
    expect(checkImageLink({ key, id, exp, sig, now: now + 2 * 3_600_000 })).toBe("expired");
  });

  it("a tampered signature, a moved expiry, another id or another key does not open", () => {
    const { exp, sig } = signImageLink({ key, id, now });
    const flipped = (sig[0] === "A" ? "B" : "A") + sig.slice(1);
    expect(checkImageLink({ key, id, exp, sig: flipped, now })).toBe("invalid");
    expect(checkImageLink({ key, id, exp, sig: sig.slice(0, -1), now })).toBe("invalid");
    expect(checkImageLink({ key, id, exp, sig: "", now })).toBe("invalid");
    expect(checkImageLink({ key, id, exp: exp + 3600, sig, now })).toBe("invalid");
    expect(checkImageLink({ key, id, exp: `${exp}0`, sig, now })).toBe("invalid");
    expect(checkImageLink({ key, id, exp: "soon", sig, now })).toBe("invalid");
    expect(checkImageLink({ key, id: other, exp, sig, now })).toBe("invalid");
    expect(checkImageLink({ key: randomBytes(32), id, exp, sig, now })).toBe("invalid");
    // An expired link that was also tampered with says invalid, not expired.
    expect(checkImageLink({ key, id, exp, sig: flipped, now: now + 2 * 3_600_000 })).toBe("invalid");
  });

  it("the key is made once per database and read once per process", async () => {
    const stored = new Map<string, string>();
    let calls = 0;
    const db = {
      ensureSetting: async (input: { key: string; candidate: string }) => {
        calls++;
        if (!stored.has(input.key)) stored.set(input.key, input.candidate);
        return stored.get(input.key)!;
      },
    } as unknown as StudioDatabase;
    const [a, b] = await Promise.all([imageLinkKey(db), imageLinkKey(db)]);
    expect(a.equals(b)).toBe(true);
    expect(a).toHaveLength(32);
    expect(calls).toBe(1);
    expect(stored.get("image-link-key")).toBe(a.toString("base64url"));
  });

  it("builds an absolute link on the address the request came in on", async () => {
    const db = { ensureSetting: async () => key.toString("base64url") } as unknown as StudioDatabase;
    const url = new URL(await signedImageUrl({ request: new Request("http://127.0.0.1:3000/v1/images/generations", { headers: { host: "studio.example:3000" } }), db, id, now }));
    expect(url.origin).toBe("http://studio.example:3000");
    expect(url.pathname).toBe(`/api/images/${id}`);
    expect(checkImageLink({ key, id, exp: url.searchParams.get("exp")!, sig: url.searchParams.get("sig")!, now })).toBe("valid");
    const proxied = new Request("http://10.0.0.5:3000/v1/images/generations", { headers: { "x-forwarded-proto": "https", "x-forwarded-host": "studio.team.example" } });
    expect(requestOrigin(proxied)).toBe("https://studio.team.example");
  });
});
