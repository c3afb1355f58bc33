import { describe, expect, it } from "vitest";
import type { Generation, VersionNode } from "@/lib/contract";
import { comparable, versionNumbers, versionsBetween } from "./version-path";

const live = (id: string, parentId: string | null, prompt = id): VersionNode =>
  ({ id, parentId, rootId: "a", prompt, image: { url: `/i/${id}` }, children: [] }) as unknown as Generation & { children: string[] };
const gone = (id: string, parentId: string | null): VersionNode => ({ id, deleted: true, parentId, children: [] });

// a ─ b ─ d ─ e        (c deleted, with f below it)
//   └ c(deleted) ─ f
const tree = [live("a", null), live("b", "a"), gone("c", "a"), live("d", "b"), live("e", "d"), live("f", "c")];
const ids = (nodes: readonly VersionNode[]) => nodes.map((node) => node.id);

describe("versionsBetween", () => {
  it("lists the instructions from an ancestor down to a descendant", () => {
    expect(versionsBetween(tree, "a", "e")).toEqual({ toBefore: [], toAfter: tree.filter((n) => ["b", "d", "e"].includes(n.id)) });
    expect(ids(versionsBetween(tree, "b", "e").toAfter)).toEqual(["d", "e"]);
  });

  it("goes through the shared ancestor between two branches, deleted versions included", () => {
    const between = versionsBetween(tree, "e", "f");
    expect(ids(between.toBefore)).toEqual(["b", "d", "e"]);
    expect(ids(between.toAfter)).toEqual(["c", "f"]);
  });

  it("is empty both ways for one version with itself, and reversed when the two are swapped", () => {
    expect(versionsBetween(tree, "d", "d")).toEqual({ toBefore: [], toAfter: [] });
    expect(ids(versionsBetween(tree, "e", "a").toBefore)).toEqual(["b", "d", "e"]);
    expect(versionsBetween(tree, "e", "a").toAfter).toEqual([]);
  });
});

describe("comparable and versionNumbers", () => {
  it("offers the versions with a picture, oldest first, numbered as the tree grew", () => {
    const shuffled = [tree[4], tree[0], tree[2], { ...tree[1], image: null } as VersionNode, tree[3], tree[5]];
    expect(ids(comparable(shuffled))).toEqual(["a", "d", "e", "f"]);
    expect(Object.fromEntries(versionNumbers("a", shuffled))).toEqual({ a: 0, b: 1, c: 2, d: 3, e: 4, f: 5 });
  });
});
