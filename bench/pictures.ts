import { ratioOf, type Figure, type Measurement } from "./support/figures";
import { mean, median, sleep } from "./support/stats";

// 4. Pictures. 24 generations are made through the real API and the simulator
// (nano_banana_2 at 1K, 2K and 4K, every aspect ratio, 8 of each size) and
// stored by the real poller with their thumbnails. Then:
// - thumbnail size: the stored thumbnails, by source size (baseline: the
//   original picture's bytes);
// - thumbnail time: lib/images makeThumbnail again on each stored original
//   (baseline: inspectImage on the same original, the full decode every
//   result already goes through before it is stored, in the same run);
// - the first gallery screen: the list page the gallery asks for plus its 24
//   thumbnails, as served by the images route, against the same page with the
//   24 full pictures.

const SIZES = ["1K", "2K", "4K"] as const;
const ASPECTS = ["16:9", "1:1", "9:16", "auto"] as const;
const PAGE = 24;
const THUMB_BUDGET_KB = 40;
const SCREEN_BUDGET_MB = 2;
const PROMPTS = [
  "a lighthouse at dusk, 黄昏的灯塔",
  "a red fox curled up in fresh snow, soft morning light",
  "城市夜景，霓虹灯倒映在雨后的街道上",
  "an isometric tiny office with plants and a cat",
  "watercolor mountains at dawn",
  "a bowl of ramen, studio photography, steam rising",
];

type Made = { id: string; size: (typeof SIZES)[number] };
const KB = 1024;

export async function measure(): Promise<Measurement> {
  const { bootStudio, until } = await import("@/lib/testing/studio");
  const studio = await bootStudio({ SIMULATOR_SPEED: "50", STUDIO_POLL_INTERVAL_MS: "200", STUDIO_MAX_ACTIVE: "100", STUDIO_DAILY_LIMIT: "1000" });
  const { createPoller } = await import("@/lib/generations");
  const { inspectImage, makeThumbnail } = await import("@/lib/images");
  const poller = createPoller(studio.deps);

  try {
    const made: Made[] = [];
    for (let i = 0; i < PAGE; i++) {
      const size = SIZES[i % SIZES.length];
      const res = await studio.create({ model: "nano_banana_2", imageSize: size, aspectRatio: ASPECTS[i % ASPECTS.length], prompt: `${PROMPTS[i % PROMPTS.length]} (${i})` });
      if (res.status !== 201) throw new Error(`create answered ${res.status}: ${await res.text()}`);
      const [g] = ((await res.json()) as { generations: { id: string }[] }).generations;
      made.push({ id: g.id, size });
    }
    await until(async () => {
      const res = await studio.list("?status=active&limit=100");
      return ((await res.json()) as { items: unknown[] }).items.length === 0 ? true : undefined;
    }, 180_000, 250);
    poller.stop();

    // The first screen, as the browser asks for it.
    const listRes = await studio.list(`?limit=${PAGE}`);
    const listBytes = (await listRes.arrayBuffer()).byteLength;
    const items = ((await studio.list(`?limit=${PAGE}`).then((r) => r.json())) as { items: { id: string; status: string; image: unknown }[] }).items;
    const done = items.filter((g) => g.status === "completed" && g.image);
    if (done.length !== PAGE) throw new Error(`only ${done.length} of ${PAGE} generations completed`);

    const perPicture: { size: string; original: Buffer; thumbBytes: number }[] = [];
    for (const g of done) {
      const thumb = await studio.image(g.id, "?variant=thumb");
      const full = await studio.image(g.id);
      if (thumb.status !== 200 || full.status !== 200) throw new Error(`picture ${g.id} answered ${thumb.status}/${full.status}`);
      const thumbBytes = (await thumb.arrayBuffer()).byteLength;
      const original = Buffer.from(await full.arrayBuffer());
      perPicture.push({ size: made.find((m) => m.id === g.id)!.size, original, thumbBytes });
    }

    // Timing, after one untimed round for sharp's own warm-up.
    await makeThumbnail(perPicture[0].original);
    const times = new Map<string, { thumb: number[]; decode: number[] }>(SIZES.map((s) => [s, { thumb: [], decode: [] }]));
    for (let round = 0; round < 2; round++) {
      for (const p of perPicture) {
        const t0 = performance.now();
        await inspectImage(p.original);
        const t1 = performance.now();
        await makeThumbnail(p.original);
        const t2 = performance.now();
        times.get(p.size)!.decode.push(t1 - t0);
        times.get(p.size)!.thumb.push(t2 - t1);
      }
      await sleep(10);
    }

    const figures: Figure[] = [];
    const bySize: Record<string, unknown> = {};
    for (const size of SIZES) {
      const pics = perPicture.filter((p) => p.size === size);
      const t = times.get(size)!;
      const thumbMs = median(t.thumb);
      const decodeMs = median(t.decode);
      figures.push({
        id: `pictures.thumbTime.${size}`,
        name: `4 thumbnail time, ${size} result`,
        value: thumbMs,
        unit: "ms",
        baseline: { value: decodeMs, label: "inspectImage" },
        ratio: ratioOf(thumbMs, decodeMs),
      });
      const thumbKb = mean(pics.map((p) => p.thumbBytes)) / KB;
      const originalKb = mean(pics.map((p) => p.original.length)) / KB;
      figures.push({
        id: `pictures.thumbSize.${size}`,
        name: `4 thumbnail size, ${size} result (mean of ${pics.length})`,
        value: thumbKb,
        unit: "KB",
        baseline: { value: originalKb, label: "original" },
        ratio: ratioOf(thumbKb, originalKb),
        target: `≤ ${THUMB_BUDGET_KB} KB avg`,
        meets: thumbKb <= THUMB_BUDGET_KB,
      });
      bySize[size] = { thumbBytes: pics.map((p) => p.thumbBytes), originalBytes: pics.map((p) => p.original.length), thumbMs: t.thumb, decodeMs: t.decode };
    }

    const thumbsTotal = perPicture.reduce((n, p) => n + p.thumbBytes, 0);
    const fullTotal = perPicture.reduce((n, p) => n + p.original.length, 0);
    const screen = (listBytes + thumbsTotal) / KB / KB;
    const fullScreen = (listBytes + fullTotal) / KB / KB;
    figures.push({
      id: "pictures.firstScreen",
      name: `4 first gallery screen (list + ${PAGE} thumbnails)`,
      value: screen,
      unit: "MB",
      baseline: { value: fullScreen, label: "full pictures" },
      ratio: ratioOf(screen, fullScreen),
      target: `≤ ${SCREEN_BUDGET_MB} MB`,
      meets: screen <= SCREEN_BUDGET_MB,
      note: `list JSON ${(listBytes / KB).toFixed(1)} KB`,
    });
    return { figures, details: { listBytes, thumbsTotal, fullTotal, bySize } };
  } finally {
    poller.stop();
    studio.cleanup();
  }
}
