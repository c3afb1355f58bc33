import type { Generation, VersionNode } from "@/lib/contract";

// What a comparison of two versions says about their tree: which versions
// can be compared, what each is called, and the instructions that lead from
// one to the other. Pure, so it is tested without a browser.

export type LiveVersion = Generation & { children: string[] };

export const isLive = (node: VersionNode): node is LiveVersion => !("deleted" in node);

/** The versions that have a picture, oldest first (ids sort by creation). */
export function comparable(items: readonly VersionNode[]): LiveVersion[] {
  return items.filter((node): node is LiveVersion => isLive(node) && node.image !== null).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Each version's number in the order the tree grew: 0 for the original, then 1, 2, … (deleted versions keep theirs). */
export function versionNumbers(rootId: string, items: readonly VersionNode[]): Map<string, number> {
  const others = items.map((node) => node.id).filter((id) => id !== rootId).sort();
  return new Map([[rootId, 0], ...others.map((id, i) => [id, i + 1] as const)]);
}

/** The ids from the original down to this version (deleted ones included). */
function lineage(id: string, parents: ReadonlyMap<string, string | null>): string[] {
  const path: string[] = [];
  const seen = new Set<string>();
  for (let at: string | null | undefined = id; at && !seen.has(at); at = parents.get(at)) {
    seen.add(at);
    path.unshift(at);
  }
  return path;
}

/**
 * The versions between `before` and `after`: from their last shared
 * ancestor down to `after` (`toAfter`, the changes the after picture has),
 * and down to `before` (`toBefore`, changes only the before picture has,
 * when it is not itself an ancestor of the after one).
 */
export function versionsBetween(items: readonly VersionNode[], beforeId: string, afterId: string): { toBefore: VersionNode[]; toAfter: VersionNode[] } {
  const byId = new Map(items.map((node) => [node.id, node]));
  const parents = new Map(items.map((node) => [node.id, node.parentId] as const));
  const a = lineage(beforeId, parents);
  const b = lineage(afterId, parents);
  let shared = 0;
  while (shared < a.length && shared < b.length && a[shared] === b[shared]) shared++;
  const nodes = (ids: string[]) => ids.map((id) => byId.get(id)).filter((node): node is VersionNode => node !== undefined);
  return { toBefore: nodes(a.slice(shared)), toAfter: nodes(b.slice(shared)) };
}
