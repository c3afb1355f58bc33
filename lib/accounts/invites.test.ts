import { afterEach, describe, expect, it } from "vitest";
import { makeUser } from "@/lib/db/shared/test-rows";
import { testDeps } from "@/lib/testing/deps";
import { acceptInvite, createInvite, INVITE_TTL_MS, inviteState } from "./invites";

// The invite page reads the link's state on the server, so a used
// or expired link says so at once instead of after the password is typed twice.

let fixture: ReturnType<typeof testDeps>;
afterEach(() => fixture?.cleanup());

async function invited(name: string) {
  fixture = testDeps();
  const { deps } = fixture;
  const admin = makeUser({ name: "root", role: "admin" });
  const person = makeUser({ name });
  await deps.db.insertUser(admin);
  await deps.db.insertUser(person);
  const { url } = await createInvite(deps, { userId: person.id, by: admin });
  return { deps, person, token: url.split("/").pop()! };
}

describe("inviteState", () => {
  it("names the person while the link is open, and says used once it was", async () => {
    const { deps, token } = await invited("dora");
    expect(await inviteState(deps, token)).toEqual({ state: "open", name: "dora" });
    await acceptInvite(deps, { token, password: "dora-password-26" });
    expect(await inviteState(deps, token)).toEqual({ state: "used" });
  });

  it("says expired from the moment it expires", async () => {
    const { deps, token } = await invited("dora");
    fixture.advance(INVITE_TTL_MS - 1);
    expect((await inviteState(deps, token)).state).toBe("open");
    fixture.advance(1);
    expect(await inviteState(deps, token)).toEqual({ state: "expired" });
  });

  it("says gone for a link that never was, a malformed one, or a disabled or removed person's", async () => {
    const { deps, person, token } = await invited("dora");
    expect(await inviteState(deps, "x".repeat(43))).toEqual({ state: "gone" });
    expect(await inviteState(deps, "../../etc")).toEqual({ state: "gone" });
    await deps.db.updateUser({ id: person.id, patch: { disabled: true } });
    expect(await inviteState(deps, token)).toEqual({ state: "gone" });
  });
});
