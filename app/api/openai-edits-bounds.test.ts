import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAiErrorSchema, openAiImagesResponseSchema } from "@/lib/contract";
import type { Poller } from "@/lib/generations/poller";
import { accountsClient } from "@/lib/testing/accounts-client";
import { ADMIN, bootPolledStudio } from "@/lib/testing/accounts-studio";
import { until, type Studio } from "@/lib/testing/studio";

// /v1/images/edits reads its multipart body as a stream with bounds, through
// the real route handler: a picture over 7 MB, a field too long or a body
// past the limit is refused (413) when the limit is passed, without reading
// the rest; nothing is left on disk; and each person has at most
// STUDIO_MAX_CONCURRENT_EDITS edits being uploaded at once (429 past it).

const BOB = { name: "bob", password: "bob-password-2026" };
const MB = 1024 * 1024;
const BODY_LIMIT = 10 * MB;
const base = "http://studio.test";

let studio: Studio;
let poller: Poller;
let rootCookie = "";
let bobCookie = "";
let edits: typeof import("@/app/v1/images/edits/route");
const { req, signIn } = accountsClient();

beforeAll(async () => {
  ({ studio, poller } = await bootPolledStudio({ STUDIO_BODY_LIMIT_BYTES: String(BODY_LIMIT), STUDIO_MAX_CONCURRENT_EDITS: "2" }));
  edits = await import("@/app/v1/images/edits/route");
  const users = await import("@/app/api/admin/users/route");
  rootCookie = await signIn(ADMIN.name, ADMIN.password);
  expect((await users.POST(req("/api/admin/users", { method: "POST", cookie: rootCookie, body: BOB }), undefined)).status).toBe(201);
  bobCookie = await signIn(BOB.name, BOB.password);
});
afterAll(() => {
  poller?.stop();
  studio?.cleanup();
});

type Part = { name: string; value: string } | { name: string; file: Uint8Array | { size: number } };
const FILLER = new Uint8Array(64 * 1024).fill(7);
const PNG_START = new Uint8Array(64 * 1024).fill(7);
PNG_START.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A multipart body sent as a stream, 64 KB at a time and only as the handler
 * reads (no Content-Length, as a chunked upload): `pulled()` says how much of
 * it the handler took. A file given by size is a PNG signature and filler.
 * With `hold`, the stream stops before the first file's bytes until the
 * promise resolves.
 */
function streamedForm(parts: Part[], opts: { hold?: Promise<void> } = {}) {
  const boundary = `----studio-test-${Math.random().toString(36).slice(2)}`;
  const encoder = new TextEncoder();
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let held = false;
    for (const part of parts) {
      if ("value" in part) {
        yield encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`);
        continue;
      }
      yield encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="picture.png"\r\nContent-Type: image/png\r\n\r\n`);
      if (opts.hold && !held) {
        held = true;
        await opts.hold;
      }
      const size = part.file instanceof Uint8Array ? part.file.byteLength : part.file.size;
      for (let at = 0; at < size; at += 64 * 1024) {
        const end = Math.min(at + 64 * 1024, size);
        yield part.file instanceof Uint8Array ? part.file.subarray(at, end) : at === 0 ? PNG_START.subarray(0, end) : FILLER.subarray(0, end - at);
      }
      yield encoder.encode("\r\n");
    }
    yield encoder.encode(`--${boundary}--\r\n`);
  }
  const source = chunks();
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await source.next();
        if (next.done) return controller.close();
        pulled += next.value.byteLength;
        controller.enqueue(next.value);
      },
    },
    // Nothing is produced ahead of the reader: `pulled` is what the handler asked for.
    { highWaterMark: 0 },
  );
  return { boundary, body, pulled: () => pulled };
}

function send(form: ReturnType<typeof streamedForm>, opts: { cookie?: string; headers?: Record<string, string> } = {}) {
  return edits.POST(
    new Request(`${base}/v1/images/edits`, {
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${form.boundary}`, cookie: opts.cookie ?? rootCookie, ...opts.headers },
      body: form.body,
      duplex: "half",
    } as RequestInit),
  );
}

const png = (color: string, size = 64) => sharp({ create: { width: size, height: size, channels: 3, background: color } }).png().toBuffer();
async function openAiError(res: Response) {
  return openAiErrorSchema.parse(await res.json()).error;
}
const submits = () => studio.sim.stats().submits;

describe("bounds while reading the body", () => {
  it("a picture over 7 MB is 413 as soon as 7 MB have come, the rest never read", async () => {
    const before = { files: studio.files(), submits: submits() };
    const form = streamedForm([
      { name: "prompt", value: "too big" },
      { name: "image", file: { size: 30 * MB } },
    ]);
    const res = await send(form);
    expect(res.status).toBe(413);
    const error = await openAiError(res);
    expect(error).toMatchObject({ type: "invalid_request_error", code: "request_too_large", param: "image" });
    expect(error.message).toMatch(/image 1: larger than 7 MB/);
    // 7 MB and a little: what the parser had in hand when the limit was passed.
    expect(form.pulled()).toBeLessThan(9 * MB);
    expect(studio.files()).toEqual(before.files);
    expect(submits()).toBe(before.submits);
  });

  it("a body past STUDIO_BODY_LIMIT_BYTES (no Content-Length) is 413 when the limit is passed", async () => {
    const form = streamedForm([
      { name: "prompt", value: "two large pictures" },
      { name: "image[]", file: { size: 6 * MB } },
      { name: "image[]", file: { size: 6 * MB } },
    ]);
    const res = await send(form);
    expect(res.status).toBe(413);
    expect((await openAiError(res)).message).toMatch(/larger than 10 MB/);
    expect(form.pulled()).toBeLessThan(BODY_LIMIT + 256 * 1024);
  });

  it("a Content-Length over the limit is 413 before a byte is read", async () => {
    const form = streamedForm([
      { name: "prompt", value: "declared too big" },
      { name: "image", file: { size: 1 * MB } },
    ]);
    const res = await send(form, { headers: { "content-length": String(BODY_LIMIT + 1) } });
    expect(res.status).toBe(413);
    expect(await openAiError(res)).toMatchObject({ code: "request_too_large" });
    expect(form.pulled()).toBe(0);
  });

  it("a text field over 64 KB is 413 naming it", async () => {
    const form = streamedForm([
      { name: "prompt", value: "p".repeat(100 * 1024) },
      { name: "image", file: await png("#f97316") },
    ]);
    const res = await send(form);
    expect(res.status).toBe(413);
    expect(await openAiError(res)).toMatchObject({ code: "request_too_large", param: "prompt" });
  });

  it("a sixth picture is refused as it starts, its bytes not read", async () => {
    const small = await png("#22c55e");
    const form = streamedForm([
      { name: "prompt", value: "six" },
      ...Array.from({ length: 5 }, () => ({ name: "image[]", file: small })),
      { name: "image[]", file: { size: 5 * MB } },
    ]);
    const res = await send(form);
    expect(res.status).toBe(400);
    expect(await openAiError(res)).toMatchObject({ param: "image" });
    expect(form.pulled()).toBeLessThan(2 * MB);
  });
});

describe("bodies that are not whole", () => {
  it("a body cut off in the middle of a picture is 400, nothing stored", async () => {
    const before = { files: studio.files(), submits: submits() };
    const picture = await png("#f43f5e", 128);
    const boundary = "----cut-off";
    const cut = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="prompt"\r\n\r\ncut off\r\n--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\n\r\n`,
    );
    const res = await edits.POST(
      new Request(`${base}/v1/images/edits`, {
        method: "POST",
        headers: { "content-type": `multipart/form-data; boundary=${boundary}`, cookie: rootCookie },
        body: Buffer.concat([cut, picture.subarray(0, picture.length / 2)]),
      }),
    );
    expect(res.status).toBe(400);
    expect(await openAiError(res)).toMatchObject({ type: "invalid_request_error", param: "image" });
    expect(studio.files()).toEqual(before.files);
    expect(submits()).toBe(before.submits);
  });

  it("an upload that breaks off (the body stream errors) is 400, nothing stored, and its slot is given back", async () => {
    const before = { files: studio.files(), submits: submits() };
    const boundary = "----broken";
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\n\r\n`);
    for (let i = 0; i < 3; i++) {
      let sent = false;
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            if (sent) return controller.error(new Error("connection reset"));
            sent = true;
            controller.enqueue(Buffer.concat([head, PNG_START]));
          },
        },
        { highWaterMark: 0 },
      );
      const res = await edits.POST(
        new Request(`${base}/v1/images/edits`, {
          method: "POST",
          headers: { "content-type": `multipart/form-data; boundary=${boundary}`, cookie: rootCookie },
          body,
          duplex: "half",
        } as RequestInit),
      );
      expect(res.status).toBe(400);
      expect((await openAiError(res)).message).toMatch(/broke off/);
    }
    expect(studio.files()).toEqual(before.files);
    expect(submits()).toBe(before.submits);
    // Three broken uploads in a row: none kept a slot (the cap is 2).
    expect((await send(streamedForm([{ name: "prompt", value: "after broken ones" }, { name: "image", file: await png("#84cc16") }]))).status).toBe(200);
  });

  it("multipart without a boundary is 400", async () => {
    const res = await edits.POST(
      new Request(`${base}/v1/images/edits`, { method: "POST", headers: { "content-type": "multipart/form-data; charset=utf-8", cookie: rootCookie }, body: "x" }),
    );
    expect(res.status).toBe(400);
  });
});

describe("edits at once per person (STUDIO_MAX_CONCURRENT_EDITS=2)", () => {
  it("a third edit while two are uploading is 429 at once; another person's goes through; the slots come back", async () => {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    const picture = await png("#0ea5e9", 256);
    const slow = [0, 1].map((i) => streamedForm([{ name: "prompt", value: `held upload ${i}` }, { name: "image", file: picture }], { hold }));
    const pending = slow.map((form) => send(form));
    // Both handlers are reading their bodies (and so hold their slots).
    await until(async () => (slow.every((form) => form.pulled() > 0) ? true : undefined));

    const third = streamedForm([{ name: "prompt", value: "third at once" }, { name: "image", file: await png("#a855f7") }]);
    const refused = await send(third);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("x-should-retry")).toBe("true");
    const error = await openAiError(refused);
    expect(error).toMatchObject({ type: "rate_limit_error", code: "rate_limit_exceeded" });
    expect(error.message).toMatch(/at most 2/);
    // Refused before its body was read.
    expect(third.pulled()).toBeLessThan(64 * 1024);

    const bobs = await send(streamedForm([{ name: "prompt", value: "bob meanwhile" }, { name: "image", file: await png("#eab308") }]), { cookie: bobCookie });
    expect(bobs.status, await bobs.clone().text()).toBe(200);

    release();
    for (const res of await Promise.all(pending)) {
      expect(res.status, await res.clone().text()).toBe(200);
      expect(openAiImagesResponseSchema.parse(await res.json()).data).toHaveLength(1);
    }
    // Refusals and finished edits gave their slots back.
    const after = await send(streamedForm([{ name: "prompt", value: "after the others" }, { name: "image", file: await png("#14b8a6") }]));
    expect(after.status).toBe(200);
    const again = await Promise.all([0, 1].map((i) => send(streamedForm([{ name: "prompt", value: `pair ${i}` }, { name: "image", file: picture }]))));
    for (const res of again) expect(res.status).toBe(200);
  });

  it("a refused upload (413) gives its slot back", async () => {
    for (let i = 0; i < 3; i++) {
      const res = await send(streamedForm([{ name: "prompt", value: "too big again" }, { name: "image", file: { size: 8 * MB } }]));
      expect(res.status).toBe(413);
    }
    const ok = await Promise.all([0, 1].map(async (i) => send(streamedForm([{ name: "prompt", value: `fine ${i}` }, { name: "image", file: await png("#64748b") }]))));
    for (const res of ok) expect(res.status).toBe(200);
  });
});
