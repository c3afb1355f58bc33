import { monotonicFactory } from "ulid";
import { FRESH_GENERATION, type GenerationRow, type StudioDatabase } from "@/lib/db";
import type { AspectRatio, ImageSize, ModelId } from "@/lib/models";

// Stored generations for the benchmarks: finished rows (completed, some
// failed) as a team's gallery holds them, inserted in one transaction by the
// adapter's own insertGenerations. None is active, so the server's poller
// leaves them alone. The files they name are not written: listing never reads
// them.

const MODELS: ModelId[] = ["nano_banana_2", "nano_banana_pro", "nano_banana_pro-2K", "nano_banana_2", "nano_banana_pro-4K"];
const ASPECTS: AspectRatio[] = ["16:9", "1:1", "9:16", "auto"];
const SIZES: Record<ModelId, ImageSize> = {
  nano_banana_2: "1K",
  nano_banana_pro: "1K",
  "nano_banana_pro-1K": "1K",
  "nano_banana_pro-2K": "2K",
  "nano_banana_pro-4K": "4K",
};
const DIMENSIONS: Record<ImageSize, [number, number]> = { "1K": [1376, 768], "2K": [2752, 1536], "4K": [5504, 3072] };
const SUBJECTS = ["a lighthouse at dusk", "黄昏的灯塔", "a red fox in fresh snow", "城市夜景，霓虹灯", "a bowl of ramen, studio light", "an isometric tiny office", "watercolor mountains at dawn", "a robot reading a newspaper"];
const STEP_MS = 60_000;

const nextUlid = monotonicFactory();

/**
 * A seeder whose rows get strictly newer ids call after call, all older than
 * `endMs` (by default now), so generations made later by the studio itself are
 * the newest ones.
 */
export function createSeeder(input: { total: number; endMs?: number }) {
  const endMs = input.endMs ?? Date.now() - 60_000;
  let made = 0;
  const ids: string[] = [];

  function row(i: number): GenerationRow {
    const createdAt = endMs - (input.total - i) * STEP_MS;
    const id = `gen_${nextUlid(createdAt)}`;
    const model = MODELS[i % MODELS.length];
    const size = SIZES[model];
    const failed = i % 10 === 7;
    const [width, height] = DIMENSIONS[size];
    return {
      ...FRESH_GENERATION,
      id,
      upstreamId: `task_seed_${i.toString(36)}`,
      model,
      prompt: `${SUBJECTS[i % SUBJECTS.length]}, variation ${i}`,
      aspectRatio: ASPECTS[i % ASPECTS.length],
      imageSize: model === "nano_banana_2" || model === "nano_banana_pro" ? size : null,
      references: [],
      status: failed ? "failed" : "completed",
      progress: failed ? 40 : 100,
      errorCode: failed ? "safety" : null,
      errorMessage: failed ? "The gateway could not make this picture: blocked by the safety filter" : null,
      createdAt,
      updatedAt: createdAt + 20_000,
      submittedAt: createdAt + 500,
      completedAt: failed ? null : createdAt + 20_000,
      lastPolledAt: createdAt + 19_000,
      imageKey: failed ? null : `images/${id}.png`,
      thumbKey: failed ? null : `thumbs/${id}.webp`,
      imageWidth: failed ? null : width,
      imageHeight: failed ? null : height,
      imageBytes: failed ? null : 1_500_000 + (i % 7) * 250_000,
      imageContentType: failed ? null : "image/png",
      thumbBytes: failed ? null : 28_000,
      favorite: i % 23 === 0,
      createdBy: `user${i % 12}`,
    };
  }

  return {
    /** Inserts the next `count` rows (one insertGenerations call); returns the ms it took. */
    async add(db: StudioDatabase, count: number): Promise<number> {
      if (made + count > input.total) throw new Error(`seeder planned ${input.total} rows, asked for ${made + count}`);
      const rows = Array.from({ length: count }, (_, k) => row(made + k));
      const started = performance.now();
      await db.insertGenerations({ rows });
      const ms = performance.now() - started;
      made += count;
      ids.push(...rows.map((r) => r.id));
      return ms;
    },
    /** Every id inserted so far, oldest first. */
    ids: () => ids,
  };
}

/** Seeds a fresh data dir's database before a server starts on it. */
export async function seedDataDir(dataDir: string, count: number): Promise<number> {
  const path = await import("node:path");
  const { openSqliteDatabase } = await import("@/lib/db");
  const db = openSqliteDatabase({ file: path.join(dataDir, "studio.db") });
  try {
    return await createSeeder({ total: count }).add(db, count);
  } finally {
    await db.close();
  }
}
