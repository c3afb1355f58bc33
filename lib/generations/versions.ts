import "server-only";
import type { VersionNode, VersionsResponse } from "@/lib/contract";
import type { DeletedVersion, GenerationRow } from "@/lib/db";
import type { ServiceDeps } from "@/lib/core/deps";
import type { Person } from "@/lib/core/person";
import { mustGet } from "./reads";
import { viewGenerations } from "./serialize";

// An edit thread as the viewer shows it: every version of a picture's tree,
// read in two range queries whatever its size (see listTree), and put in the
// order the viewer walks it.

type Node = { id: string; parentId: string | null; live?: GenerationRow };

/**
 * GET /api/generations/{id}/versions: the tree of any version the person may
 * see (every member sees every picture). The path from the original to the
 * newest finished version (the newest of any status when none finished) comes
 * first, then the other versions oldest first. A deleted version is kept only
 * while live versions hang below it, so the tree keeps its shape.
 */
export async function listVersions(deps: ServiceDeps, input: { id: string; viewer: Person }): Promise<VersionsResponse> {
  const row = await mustGet(deps, input.id);
  const rootId = row.rootId ?? row.id;
  const tree = await deps.db.listTree(rootId);
  const nodes = treeNodes(tree.rows, tree.deleted);
  const children = childrenOf(nodes);
  const kept = withLiveBelow(nodes, children);
  const order = walkOrder(tree.rows, nodes, kept);
  const shown = await viewGenerations(deps, tree.rows, input.viewer);
  const byId = new Map(shown.map((generation) => [generation.id, generation]));
  const items: VersionNode[] = order.map((id) => {
    const below = (children.get(id) ?? []).filter((child) => kept.has(child));
    const generation = byId.get(id);
    return generation ? { ...generation, children: below } : { id, deleted: true, parentId: nodes.get(id)?.parentId ?? null, children: below };
  });
  return { rootId, items };
}

/** Live and deleted versions by id, oldest first (ids sort by creation). */
function treeNodes(rows: readonly GenerationRow[], deleted: readonly DeletedVersion[]): Map<string, Node> {
  const all: Node[] = [
    ...rows.map((row) => ({ id: row.id, parentId: row.parentId, live: row })),
    ...deleted.map((version) => ({ id: version.id, parentId: version.parentId })),
  ];
  all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return new Map(all.map((node) => [node.id, node]));
}

/** Each version's children's ids, oldest first; a version whose parent is unknown hangs from nothing. */
function childrenOf(nodes: ReadonlyMap<string, Node>): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const node of nodes.values()) {
    if (node.parentId === null || !nodes.has(node.parentId)) continue;
    children.set(node.parentId, [...(children.get(node.parentId) ?? []), node.id]);
  }
  return children;
}

/** Live versions, and deleted ones with a live version somewhere below them. */
function withLiveBelow(nodes: ReadonlyMap<string, Node>, children: ReadonlyMap<string, string[]>): Set<string> {
  const kept = new Set<string>();
  // Newest first: a child is always newer than its parent, so it is decided before it.
  for (const node of [...nodes.values()].reverse()) {
    if (node.live || (children.get(node.id) ?? []).some((child) => kept.has(child))) kept.add(node.id);
  }
  return kept;
}

/** The path to the newest version (original first), then the rest oldest first. */
function walkOrder(rows: readonly GenerationRow[], nodes: ReadonlyMap<string, Node>, kept: ReadonlySet<string>): string[] {
  const finished = rows.filter((row) => row.status === "completed");
  const newest = (finished.length ? finished : rows).at(-1);
  const path: string[] = [];
  const seen = new Set<string>();
  for (let id = newest?.id ?? null; id !== null && nodes.has(id) && !seen.has(id); id = nodes.get(id)!.parentId) {
    seen.add(id);
    path.unshift(id);
  }
  return [...path, ...[...nodes.keys()].filter((id) => kept.has(id) && !seen.has(id))];
}
