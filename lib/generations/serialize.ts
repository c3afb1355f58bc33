import "server-only";
import type { Generation } from "@/lib/contract";
import type { GenerationRow } from "@/lib/db";
import type { ServiceDeps } from "@/lib/core/deps";
import type { Person } from "@/lib/core/person";
import { isActive } from "./status";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * A row as the API shows it: our URLs only, never the gateway's. `starred`:
 * whether the person asking starred it (favorites are per person);
 * `position`: a waiting row's place in its person's queue (see queuePositions);
 * `versions`: the size of its tree (see treeSizes).
 */
export function toGeneration(row: GenerationRow, starred = false, position: number | null = null, versions = 1): Generation {
  const hasImage = row.status === "completed" && row.imageKey !== null;
  return {
    id: row.id,
    upstreamId: row.upstreamId,
    model: row.model,
    prompt: row.prompt,
    aspectRatio: row.aspectRatio,
    imageSize: row.imageSize,
    referenceCount: row.references.length,
    references: row.references.map((r) => ({ url: r.kind === "stored" ? `/api/references/${r.id}` : r.url })),
    status: row.status,
    progress: row.progress,
    error: row.errorMessage ? { code: row.errorCode ?? "failed", message: row.errorMessage } : null,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    completedAt: iso(row.completedAt),
    image: hasImage
      ? {
          url: `/api/images/${row.id}`,
          thumbUrl: `/api/images/${row.id}?variant=thumb`,
          previewUrl: `/api/images/${row.id}?variant=preview`,
          width: row.imageWidth ?? 0,
          height: row.imageHeight ?? 0,
          bytes: row.imageBytes ?? 0,
          contentType: row.imageContentType ?? "application/octet-stream",
        }
      : null,
    favorite: starred,
    createdBy: row.createdBy,
    saving:
      row.resultSeenAt !== null && isActive(row.status)
        ? { since: iso(row.resultSeenAt)!, reason: row.savingReason }
        : null,
    unansweredSince: isActive(row.status) ? iso(row.unansweredSince) : null,
    batchId: row.batchId ?? row.id,
    cancelledAt: iso(row.cancelledAt),
    position: row.status === "waiting" ? position : null,
    parentId: row.parentId,
    rootId: row.rootId ?? row.id,
    versions: Math.max(1, versions),
    templateId: row.templateId,
    runId: row.runId,
  };
}

/** Each row's tree size, read in one query for the trees among `rows`. */
async function treeSizes(deps: Pick<ServiceDeps, "db">, rows: readonly GenerationRow[]): Promise<(row: GenerationRow) => number> {
  const counts = await deps.db.versionCounts(rows.map((row) => row.rootId ?? row.id));
  return (row) => counts.get(row.rootId ?? row.id) ?? 1;
}

/**
 * Each waiting row's place in its person's queue (1 = sent next),
 * read once per person with waiting rows among `rows`.
 */
async function queuePositions(deps: Pick<ServiceDeps, "db">, rows: readonly GenerationRow[]): Promise<Map<string, number>> {
  const people = [...new Set(rows.filter((row) => row.status === "waiting").map((row) => row.createdBy))];
  const queues = await Promise.all(people.map((createdBy) => deps.db.listWaiting({ createdBy })));
  return new Map(queues.flatMap((queue) => queue.map((row, i) => [row.id, i + 1] as const)));
}

/** Rows just made (or replayed) as the API shows them: no stars yet, each waiting one with its place. */
export async function presentGenerations(deps: Pick<ServiceDeps, "db">, rows: GenerationRow[]): Promise<Generation[]> {
  const [positions, sizeOf] = await Promise.all([queuePositions(deps, rows), treeSizes(deps, rows)]);
  return rows.map((row) => toGeneration(row, false, positions.get(row.id) ?? null, sizeOf(row)));
}

/** Rows as one person sees them: their own stars and their trees' sizes, one query each. */
export async function viewGenerations(deps: Pick<ServiceDeps, "db">, rows: GenerationRow[], viewer: Pick<Person, "id">): Promise<Generation[]> {
  const [starred, positions, sizeOf] = await Promise.all([
    deps.db.favoritesAmong({ userId: viewer.id, generationIds: rows.map((row) => row.id) }),
    queuePositions(deps, rows),
    treeSizes(deps, rows),
  ]);
  return rows.map((row) => toGeneration(row, starred.has(row.id), positions.get(row.id) ?? null, sizeOf(row)));
}
