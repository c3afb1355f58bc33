import { afterAll, beforeAll, expect, it } from "vitest";
import { bootStudio, type Studio } from "@/lib/testing/studio";

// STUDIO_AUTH=header: behind the team's auth proxy, the user comes from a header.
let studio: Studio;
beforeAll(async () => {
  studio = await bootStudio({ STUDIO_AUTH: "header", STUDIO_USER_HEADER: "X-Forwarded-User" });
});
afterAll(() => studio.cleanup());

it("refuses requests without the header and attributes work to the header's user", async () => {
  const without = await studio.create({ model: "nano_banana_2", prompt: "no header" });
  expect(without.status).toBe(401);
  expect((await studio.list()).status).toBe(401);

  const withHeader = await studio.create({ model: "nano_banana_2", prompt: "from carol" }, { "x-forwarded-user": "carol" });
  expect(withHeader.status).toBe(201);
  const [g] = ((await withHeader.json()) as { generations: { createdBy: string }[] }).generations;
  expect(g.createdBy).toBe("carol");
});
