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

// STUDIO_ADMINS wins over the stored role. A name taken off the list
// is a member from its next request; someone an admin made admin in the
// studio (never listed) stays one; an admin's token reaches no admin route.
it("a name removed from STUDIO_ADMINS is demoted on its next request; an admin made in the studio stays", async () => {
  const { getConfig } = await import("@/lib/config");
  const { GET: session } = await import("@/app/api/session/route");
  const users = await import("@/app/api/admin/users/route");
  const user = await import("@/app/api/admin/users/[id]/route");
  const as = (name: string, init: RequestInit = {}) => ({ ...init, headers: { "content-type": "application/json", "x-forwarded-user": name, ...(init.headers ?? {}) } });
  const roleOf = async (name: string) => ((await (await session(new Request("http://studio.test/api/session", as(name)), undefined)).json()) as { role: string }).role;
  const auth = getConfig().auth as unknown as { admins: string[] };
  const saved = auth.admins;
  auth.admins = ["dora", "ed"];
  try {
    expect(await roleOf("dora")).toBe("admin");
    expect(await roleOf("frank")).toBe("member");
    const list = (await (await users.GET(new Request("http://studio.test/api/admin/users", as("dora")), undefined)).json()) as { items: { id: string; name: string }[] };
    const frankId = list.items.find((u) => u.name === "frank")!.id;
    const promoted = await user.PATCH(new Request(`http://studio.test/api/admin/users/${frankId}`, as("dora", { method: "PATCH", body: JSON.stringify({ role: "admin" }) })), { params: Promise.resolve({ id: frankId }) });
    expect(promoted.status).toBe(200);

    auth.admins = ["ed"];
    expect(await roleOf("dora")).toBe("member");
    expect(await roleOf("frank")).toBe("admin");
    expect((await users.GET(new Request("http://studio.test/api/admin/users", as("dora")), undefined)).status).toBe(403);
    // Back on the list, admin again.
    auth.admins = ["dora", "ed"];
    expect(await roleOf("dora")).toBe("admin");
  } finally {
    auth.admins = saved;
  }
});
