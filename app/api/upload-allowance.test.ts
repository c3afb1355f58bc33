import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody } from "@/lib/contract";
import { plainPicture } from "@/lib/images/test-images";
import { bootStudio, type Studio } from "@/lib/testing/studio";

// Through the real route handlers: the daily upload
// allowance (STUDIO_UPLOAD_BYTES_PER_DAY) holds for POST /api/references,
// the data URLs of POST /api/generations and the files of /v1/images/edits,
// each answering 429 quota_exceeded with Retry-After and storing nothing.
// Who may call is unchanged (a signed-in person or a token; see references.test.ts).

const base = "http://studio.test";
let studio: Studio;
let picture: Buffer;

beforeAll(async () => {
  picture = await plainPicture({ width: 64, height: 48, format: "png" });
  // Room for two pictures a day.
  studio = await bootStudio({ STUDIO_UPLOAD_BYTES_PER_DAY: String(2 * picture.length + 10) });
});
afterAll(() => studio?.cleanup());

const dataUrl = (bytes: Buffer) => `data:image/png;base64,${bytes.toString("base64")}`;
const errorOf = async (res: Response) => ((await res.json()) as ErrorBody).error;

describe("the daily upload allowance at the edge", () => {
  it("POST /api/references, POST /api/generations and /v1/images/edits all count, and past the allowance answer 429 with nothing stored", async () => {
    const first = await studio.uploadReference(picture);
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    // A data URL in a request counts as an upload does.
    const withDataUrl = await studio.create({ model: "nano_banana_2", prompt: "a data URL", aspectRatio: "auto", references: [dataUrl(picture)] });
    expect(withDataUrl.status).toBe(201);
    const files = studio.files();
    const rows = await studio.deps.db.listGenerations({ limit: 100 });

    const upload = await studio.uploadReference(picture);
    expect(upload.status).toBe(429);
    expect(Number(upload.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(upload.headers.get("retry-after"))).toBeLessThanOrEqual(86_400);
    const error = await errorOf(upload);
    expect(error.code).toBe("quota_exceeded");
    expect(error.message).toMatch(/^Daily upload allowance reached: .* uploaded today, and this upload is .*\. It resets at midnight UTC\.$/);

    const create = await studio.create({ model: "nano_banana_2", prompt: "one more", aspectRatio: "auto", references: [dataUrl(picture)] });
    expect(create.status).toBe(429);
    expect((await errorOf(create)).code).toBe("quota_exceeded");

    const { POST: edit } = await import("@/app/v1/images/edits/route");
    const form = new FormData();
    form.append("prompt", "the same in winter");
    form.append("image", new Blob([new Uint8Array(picture)], { type: "image/png" }), "scene.png");
    const edited = await edit(new Request(`${base}/v1/images/edits`, { method: "POST", body: form }));
    expect(edited.status).toBe(429);
    expect(((await edited.json()) as { error: { code: string; type: string } }).error).toMatchObject({ code: "quota_exceeded", type: "rate_limit_error" });

    expect(studio.files()).toEqual(files);
    expect(await studio.deps.db.listGenerations({ limit: 100 })).toEqual(rows);

    // An upload named by its id was counted once, when it was uploaded.
    const byId = await studio.create({ model: "nano_banana_2", prompt: "by id", aspectRatio: "auto", references: [id] });
    expect(byId.status).toBe(201);
  });
});
