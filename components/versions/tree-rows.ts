import type { Generation, VersionNode } from "@/lib/contract";

// The versions tree as the viewer lists it: one flat row per version, in the
// order a person reads a tree, each with how far it is indented. Pure (tested
// in tree-rows.test.ts), and linear in the tree's size: a tree of 1,000
// versions is 1,000 rows, never nested components.

type DeletedVersion = Extract<VersionNode, { deleted: true }>;
export type LiveVersion = Generation & { children: string[] };

export type TreeRow = {
  node: VersionNode;
  /** Indentation: 0 for the original's line; each branch off a line goes one deeper. */
  depth: number;
  /** The first row of a branch (drawn with an elbow to the row it grows from). */
  branch: boolean;
  /** 0 for the original, then 1, 2, … in the order the versions were made (a deleted one keeps its number). */
  number: number;
  /** On the path from the original to the shown version (the shown one included). */
  onPath: boolean;
  /** Its parent is a deleted version. */
  parentDeleted: boolean;
};

export function isDeleted(node: VersionNode): node is DeletedVersion {
  return "deleted" in node && node.deleted === true;
}

/**
 * Depth first from the original. A version's first (oldest) child continues
 * its line at the same depth, so a long chain of edits stays flat; every
 * other child starts a branch one level deeper, listed right under the
 * version it grew from, before the line goes on.
 */
export function treeRows(items: readonly VersionNode[], rootId: string, shownId: string): TreeRow[] {
  const byId = new Map(items.map((node) => [node.id, node]));
  // Ids are ULIDs (`gen_…`): their order is the order they were made. Numbered as the Compare dialog numbers them.
  const others = [...byId.keys()].filter((id) => id !== rootId).sort();
  const numbers = new Map([[rootId, 0], ...others.map((id, i) => [id, i + 1] as const)]);

  const path = new Set<string>();
  for (let id: string | null = shownId; id && byId.has(id) && !path.has(id); id = byId.get(id)!.parentId) path.add(id);

  const rows: TreeRow[] = [];
  const seen = new Set<string>();
  const stack: { id: string; depth: number; branch: boolean }[] = [];
  const starts = items.filter((node) => !node.parentId || !byId.has(node.parentId));
  // Nothing without a parent (a loop, which the server never sends): start anywhere rather than show nothing.
  const tops = starts.length > 0 ? starts : items.slice(0, 1);
  for (let i = tops.length - 1; i >= 0; i--) stack.push({ id: tops[i].id, depth: 0, branch: false });

  const visit = () => {
    while (stack.length > 0) {
      const { id, depth, branch } = stack.pop()!;
      const node = byId.get(id);
      if (!node || seen.has(id)) continue;
      seen.add(id);
      const parent = node.parentId ? byId.get(node.parentId) : undefined;
      rows.push({ node, depth, branch, number: numbers.get(id)!, onPath: path.has(id), parentDeleted: Boolean(parent && isDeleted(parent)) });
      const children = node.children.filter((child) => byId.has(child) && !seen.has(child));
      // Popped in reverse: the branches (second child on) first, in order, then the line's own continuation.
      if (children.length > 0) stack.push({ id: children[0], depth, branch: false });
      for (let i = children.length - 1; i >= 1; i--) stack.push({ id: children[i], depth: depth + 1, branch: true });
    }
  };
  visit();
  // Anything not reached from the original (never sent so, but never dropped either).
  for (const node of items) {
    if (seen.has(node.id)) continue;
    stack.push({ id: node.id, depth: 0, branch: false });
    visit();
  }
  return rows;
}
