import { describe, expect, it } from "vitest";
import { makeReference, makeTemplate, makeUser, T0 } from "@/lib/db/shared/test-rows";
import type { StudioDatabase } from "@/lib/db/types";
import { deleteUserOf, rejection, type ContractOptions } from "./context";

// Templates: rows with their ordered references, who sees which, the uses
// counter, and the references they keep from the pruner.

export function describeTemplates(options: ContractOptions): void {
  const { open, expectForeignKeyError } = options;

  async function withPeople(db: StudioDatabase, ...names: string[]) {
    const people = names.map((name) => makeUser({ name }));
    for (const person of people) await db.insertUser(person);
    return people;
  }

  describe("templates", () => {
    it("a template round-trips with its references in order; update replaces what the patch gives; unknown ids answer undefined or false", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const [a, b, c] = [makeReference(), makeReference(), makeReference()];
      for (const ref of [a, b, c]) await db.insertReference(ref);
      const template = makeTemplate({ ownerId: alice.id, name: "产品 shot", prompt: "{产品} on {surface}", imageSize: "2K", count: 3, references: [b.id, a.id] });
      await db.insertTemplate(template);
      expect(await db.getTemplate(template.id)).toEqual({ ...template, ownerName: "alice" });
      expect(await db.getTemplate("tpl_missing")).toBeUndefined();

      expect(await db.updateTemplate({ id: template.id, patch: { name: "Shot", visibility: "private", references: [c.id, b.id, a.id], updatedAt: T0 + 9 } })).toBe(true);
      expect(await db.getTemplate(template.id)).toEqual({ ...template, name: "Shot", visibility: "private", references: [c.id, b.id, a.id], updatedAt: T0 + 9, ownerName: "alice" });
      expect(await db.updateTemplate({ id: template.id, patch: { references: [] } })).toBe(true);
      expect((await db.getTemplate(template.id))?.references).toEqual([]);
      expect(await db.updateTemplate({ id: template.id, patch: {} })).toBe(true);
      expect(await db.updateTemplate({ id: "tpl_missing", patch: { name: "x" } })).toBe(false);

      expect(await db.deleteTemplate(template.id)).toBe(true);
      expect(await db.deleteTemplate(template.id)).toBe(false);
      expect(await db.getTemplate(template.id)).toBeUndefined();
    });

    it("lists team templates and the viewer's private ones, by name (case-insensitive) then id", async () => {
      const { db } = await open();
      const [alice, bob] = await withPeople(db, "alice", "bob");
      const ref = makeReference();
      await db.insertReference(ref);
      const zed = makeTemplate({ ownerId: alice.id, name: "zed" });
      const apple = makeTemplate({ ownerId: bob.id, name: "Apple", references: [ref.id] });
      const mine = makeTemplate({ ownerId: alice.id, name: "banana", visibility: "private" });
      const bobs = makeTemplate({ ownerId: bob.id, name: "bob's own", visibility: "private" });
      for (const t of [zed, apple, mine, bobs]) await db.insertTemplate(t);
      expect((await db.listTemplates({ viewerId: alice.id })).map((t) => [t.name, t.ownerName, t.references])).toEqual([
        ["Apple", "bob", [ref.id]],
        ["banana", "alice", []],
        ["zed", "alice", []],
      ]);
      expect((await db.listTemplates({ viewerId: bob.id })).map((t) => t.name)).toEqual(["Apple", "bob's own", "zed"]);
    });

    it("counts uses one at a time, on both sides of concurrent calls", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const template = makeTemplate({ ownerId: alice.id });
      await db.insertTemplate(template);
      await Promise.all(Array.from({ length: 5 }, () => db.countTemplateUse(template.id)));
      expect((await db.getTemplate(template.id))?.uses).toBe(5);
      expect(await db.countTemplateUse("tpl_missing")).toBe(false);
    });

    it("a template needs its owner and its references, and goes with its owner", async () => {
      const fixture = await open();
      const { db } = fixture;
      expectForeignKeyError(await rejection(db.insertTemplate(makeTemplate({ ownerId: "usr_missing" }))));
      const [alice] = await withPeople(db, "alice");
      expectForeignKeyError(await rejection(db.insertTemplate(makeTemplate({ ownerId: alice.id, references: ["ref_missing"] }))));
      expect(await db.listTemplates({ viewerId: alice.id })).toEqual([]);
      const ref = makeReference();
      await db.insertReference(ref);
      const template = makeTemplate({ ownerId: alice.id, references: [ref.id] });
      await db.insertTemplate(template);
      // A reference a template carries is not deleted by mistake.
      expectForeignKeyError(await rejection(db.deleteReference(ref.id)));
      await deleteUserOf(fixture, alice.id);
      expect(await db.getTemplate(template.id)).toBeUndefined();
      expect(await db.getReference(ref.id)).toEqual(ref);
    });

    it("the pruner keeps an old upload a template carries, and takes it once the template is gone", async () => {
      const { db } = await open();
      const [alice] = await withPeople(db, "alice");
      const kept = makeReference({ createdAt: T0 - 10 });
      const unused = makeReference({ createdAt: T0 - 5 });
      for (const ref of [kept, unused]) await db.insertReference(ref);
      const template = makeTemplate({ ownerId: alice.id, references: [kept.id] });
      await db.insertTemplate(template);
      expect(await db.deleteUnlinkedReferences({ createdBefore: T0, limit: 10 })).toEqual([unused]);
      expect(await db.getReference(kept.id)).toEqual(kept);
      await db.deleteTemplate(template.id);
      expect(await db.deleteUnlinkedReferences({ createdBefore: T0, limit: 10 })).toEqual([kept]);
    });

    it("referenceInVisibleTemplate: a team template's references, or the viewer's own private one's", async () => {
      const { db } = await open();
      const [alice, bob] = await withPeople(db, "alice", "bob");
      const [shared, hidden, loose] = [makeReference(), makeReference(), makeReference()];
      for (const ref of [shared, hidden, loose]) await db.insertReference(ref);
      await db.insertTemplate(makeTemplate({ ownerId: alice.id, references: [shared.id] }));
      await db.insertTemplate(makeTemplate({ ownerId: alice.id, visibility: "private", references: [hidden.id] }));
      expect(await db.referenceInVisibleTemplate({ referenceId: shared.id, viewerId: bob.id })).toBe(true);
      expect(await db.referenceInVisibleTemplate({ referenceId: hidden.id, viewerId: bob.id })).toBe(false);
      expect(await db.referenceInVisibleTemplate({ referenceId: hidden.id, viewerId: alice.id })).toBe(true);
      expect(await db.referenceInVisibleTemplate({ referenceId: loose.id, viewerId: alice.id })).toBe(false);
    });
  });
}
