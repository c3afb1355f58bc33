import type { GenerationRow } from "@/lib/db";
import { makeCompletedRow } from "@/lib/db/shared/test-rows";
import { ratioOf, type Figure, type Measurement } from "./support/figures";
import { median, percentile } from "./support/stats";

// 14. Opening the viewer of a picture whose tree has 1,000 versions, against
// one with a single version, through the real route handlers in-process
// (demo mode, SQLite, 2,000 other pictures in the gallery). The viewer reads
// the picture (GET /api/generations/{id}: its tree's size is one indexed
// count) and then the tree (GET …/versions: two range reads, and every
// version serialized). Both pictures are read in alternation, so drift in
// the machine's speed hits both alike. The first read should cost the same
// (ratio ≈ 1); the tree read lists all 1,000 versions, so its figure is the
// cost per version, printed beside the ratio.

const VERSIONS = 1_000;
const OTHERS = 2_000;
const WARMUP = 30;
const SAMPLES = 200;
/** "About the same": the picture's read at 1,000 versions costs at most this many times a lone picture's. */
const SAME = 1.5;

export async function measure(): Promise<Measurement> {
  const { bootStudio } = await import("@/lib/testing/studio");
  const studio = await bootStudio({ SIMULATOR_SPEED: "1000" });
  try {
    const lone = makeCompletedRow({ prompt: "a lone lighthouse" });
    const others = Array.from({ length: OTHERS }, (_, i) => makeCompletedRow({ prompt: `another picture ${i}` }));
    const tree = treeOf(VERSIONS);
    await studio.deps.db.insertGenerations({ rows: [lone, ...others, ...tree] });
    const newest = tree[tree.length - 1];
    const versionsRoute = await import("@/app/api/generations/[id]/versions/route");
    const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

    const timed = async (read: () => Promise<Response>, check: (body: unknown) => boolean) => {
      const started = performance.now();
      const res = await read();
      const text = await res.text();
      const ms = performance.now() - started;
      if (res.status !== 200 || !check(JSON.parse(text))) throw new Error(`unexpected answer ${res.status}`);
      return { ms, bytes: Buffer.byteLength(text) };
    };
    const picture = (row: GenerationRow, versions: number) => () =>
      timed(() => studio.get(row.id), (body) => (body as { versions: number }).versions === versions);
    const treeRead = (row: GenerationRow, count: number) => () =>
      timed(
        () => versionsRoute.GET(new Request(`http://studio.test/api/generations/${row.id}/versions`), ctx(row.id)),
        (body) => (body as { items: unknown[] }).items.length === count,
      );

    async function pair(base: () => Promise<{ ms: number; bytes: number }>, big: () => Promise<{ ms: number; bytes: number }>) {
      for (let i = 0; i < WARMUP; i++) {
        await base();
        await big();
      }
      (globalThis as { gc?: () => void }).gc?.();
      const samples: [number[], number[]] = [[], []];
      let bytes: [number, number] = [0, 0];
      for (let i = 0; i < SAMPLES; i++) {
        const a = await base();
        const b = await big();
        samples[0].push(a.ms);
        samples[1].push(b.ms);
        bytes = [a.bytes, b.bytes];
      }
      return { base: median(samples[0]), big: median(samples[1]), bigP90: percentile(samples[1], 90), bytes };
    }

    const first = await pair(picture(lone, 1), picture(newest, VERSIONS));
    const whole = await pair(treeRead(lone, 1), treeRead(newest, VERSIONS));
    const firstRatio = ratioOf(first.big, first.base);
    const figures: Figure[] = [
      {
        id: "versions.picture",
        name: `14 viewer: the picture's read, tree of ${VERSIONS.toLocaleString("en")} versions, p50`,
        value: first.big,
        unit: "ms",
        baseline: { value: first.base, label: "a picture with 1 version" },
        ratio: firstRatio,
        target: `≤ ${SAME}`,
        meets: firstRatio !== null && firstRatio <= SAME,
        note: `p90 ${first.bigP90.toFixed(2)} ms; ${OTHERS.toLocaleString("en")} other pictures stored`,
      },
      {
        id: "versions.tree",
        name: `14 viewer: the tree's read (…/versions), ${VERSIONS.toLocaleString("en")} versions, p50`,
        value: whole.big,
        unit: "ms",
        baseline: { value: whole.base, label: "the tree of a picture with 1 version" },
        ratio: ratioOf(whole.big, whole.base),
        note: `${((whole.big - whole.base) / (VERSIONS - 1)).toFixed(3)} ms and ${Math.round((whole.bytes[1] - whole.bytes[0]) / (VERSIONS - 1))} bytes per version; ${Math.round(whole.bytes[1] / 1024)} KB in all; two queries at any size`,
      },
    ];
    return { figures, details: { versions: VERSIONS, others: OTHERS, samples: SAMPLES, first, whole } };
  } finally {
    studio.cleanup();
  }
}

/** An original and its versions: ten branches from the original, each a chain of edits. */
function treeOf(size: number): GenerationRow[] {
  const root = makeCompletedRow({ prompt: "a red fox in a meadow", parentId: null });
  const rows: GenerationRow[] = [{ ...root, rootId: root.id }];
  for (let i = 1; i < size; i++) {
    const parent = i % 100 === 1 ? rows[0] : rows[i - 1];
    rows.push(makeCompletedRow({ prompt: `change ${i}`, parentId: parent.id, rootId: root.id }));
  }
  return rows;
}
