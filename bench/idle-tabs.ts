import { GALLERY_PAGE_SIZE } from "@/lib/contract-values";
import { ratioOf, type Figure, type Measurement } from "./support/figures";
import { createSeeder } from "./support/seed";
import { median, round, sleep } from "./support/stats";

// 15. What 50 open, idle galleries cost the server: each tab checks for
// teammates' pictures once per interval (lib/client/use-feed.ts). Now: one
// GET of the first page with If-None-Match every 8 s, answered 304 without
// the list query (lib/server/list-etag.ts). Before: every 20 s, the first
// page read in full plus the active list (empty while idle). Through the real
// route handler in-process (demo mode, SQLite, 2,000 pictures, 40 of them
// starred by the viewer), 50 requests in a row per batch, the batches in
// alternation so drift in the machine's speed hits all alike. Server cost =
// the process's CPU time (user + system, process.cpuUsage) and wall time over
// the 50 calls, the answers read whole; bytes = body plus header lines.

const PICTURES = 2_000;
const STARRED = 40;
const TABS = 50;
const WARMUP = 5;
const ROUNDS = 30;
/** The intervals, before and after (lib/client/use-feed.ts TEAM_CHECK_MS). */
const OLD_INTERVAL_S = 20;
const NEW_INTERVAL_S = 8;

type Batch = { cpuMs: number; wallMs: number; bytes: number };

export async function measure(): Promise<Measurement> {
  const { bootStudio } = await import("@/lib/testing/studio");
  const { SETTLE_MS } = await import("@/lib/server/list-etag");
  const studio = await bootStudio({});
  const firstPage = `?limit=${GALLERY_PAGE_SIZE}`;
  const activeList = "?status=active&limit=100";
  try {
    const seeder = createSeeder({ total: PICTURES });
    await seeder.add(studio.deps.db, PICTURES);
    for (const id of seeder.ids().slice(-STARRED * 3).filter((_, i) => i % 3 === 0)) {
      const res = await studio.patch(id, { favorite: true });
      if (res.status !== 200) throw new Error(`star answered ${res.status}`);
    }
    // The stars are the newest change: a tag validates once it is SETTLE_MS old.
    await sleep(SETTLE_MS + 100);

    const first = await studio.list(firstPage);
    const etag = first.headers.get("etag");
    await first.arrayBuffer();
    if (!etag) throw new Error("the first page came without an ETag");
    const listModule = await import("@/app/api/generations/route");
    const conditional = () => listModule.GET(new Request(`http://studio.test/api/generations${firstPage}`, { headers: { "if-none-match": etag } }), undefined);

    /** TABS requests in a row, each answer read whole; `expect` checks every one. */
    async function batch(request: () => Promise<Response>, expect: (status: number, body: ArrayBuffer) => boolean): Promise<Batch> {
      let bytes = 0;
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < TABS; i++) {
        const res = await request();
        const body = await res.arrayBuffer();
        if (!expect(res.status, body)) throw new Error(`unexpected answer ${res.status} (${body.byteLength} bytes)`);
        bytes += body.byteLength + headerBytes(res);
      }
      const wallMs = performance.now() - started;
      const used = process.cpuUsage(cpu);
      return { cpuMs: (used.user + used.system) / 1000, wallMs, bytes };
    }
    const full = () => batch(() => studio.list(firstPage), (status, body) => status === 200 && itemsOf(body) === GALLERY_PAGE_SIZE);
    const active = () => batch(() => studio.list(activeList), (status, body) => status === 200 && itemsOf(body) === 0);
    const notModified = () => batch(conditional, (status, body) => status === 304 && body.byteLength === 0);

    for (let i = 0; i < WARMUP; i++) {
      await full();
      await active();
      await notModified();
    }
    (globalThis as { gc?: () => void }).gc?.();
    const samples: Record<"full" | "active" | "notModified", Batch[]> = { full: [], active: [], notModified: [] };
    for (let i = 0; i < ROUNDS; i++) {
      samples.full.push(await full());
      samples.active.push(await active());
      samples.notModified.push(await notModified());
    }

    const med = (list: Batch[], key: keyof Batch) => median(list.map((b) => b[key]));
    const now = { cpu: med(samples.notModified, "cpuMs"), wall: med(samples.notModified, "wallMs"), bytes: med(samples.notModified, "bytes") };
    const page = { cpu: med(samples.full, "cpuMs"), wall: med(samples.full, "wallMs"), bytes: med(samples.full, "bytes") };
    const idle = { cpu: med(samples.active, "cpuMs"), wall: med(samples.active, "wallMs"), bytes: med(samples.active, "bytes") };
    const perMinute = { now: (60 / NEW_INTERVAL_S) * now.cpu, before: (60 / OLD_INTERVAL_S) * (page.cpu + idle.cpu) };
    const bytesPerMinute = { now: (60 / NEW_INTERVAL_S) * now.bytes, before: (60 / OLD_INTERVAL_S) * (page.bytes + idle.bytes) };

    const label = `${TABS} × first page, full (old way)`;
    const figures: Figure[] = [
      {
        id: "idleTabs.cpu",
        name: `15 ${TABS} idle tabs, one check each: server CPU, ${TABS} × 304`,
        value: now.cpu,
        unit: "ms",
        baseline: { value: page.cpu, label },
        ratio: ratioOf(now.cpu, page.cpu),
        note: `median of ${ROUNDS} batches; ${round(now.cpu / TABS, 3)} ms a request`,
      },
      {
        id: "idleTabs.wall",
        name: `15 ${TABS} idle tabs, one check each: handler wall time, ${TABS} × 304`,
        value: now.wall,
        unit: "ms",
        baseline: { value: page.wall, label },
        ratio: ratioOf(now.wall, page.wall),
      },
      {
        id: "idleTabs.bytes",
        name: `15 ${TABS} idle tabs, one check each: bytes sent, ${TABS} × 304`,
        value: now.bytes / 1000,
        unit: "KB",
        baseline: { value: page.bytes / 1000, label },
        ratio: ratioOf(now.bytes, page.bytes),
        note: "bodies and header lines",
      },
      {
        id: "idleTabs.requests",
        name: `15 ${TABS} idle tabs: requests per check`,
        value: TABS,
        unit: "req",
        baseline: { value: TABS * 2, label: `every ${OLD_INTERVAL_S} s, old way` },
        ratio: ratioOf(TABS, TABS * 2),
        note: `now every ${NEW_INTERVAL_S} s; before, the first page and the active list (${round(idle.cpu, 1)} ms CPU for ${TABS})`,
      },
      {
        id: "idleTabs.cpuPerMinute",
        name: `15 ${TABS} idle tabs: server CPU per minute`,
        value: perMinute.now,
        unit: "ms",
        baseline: { value: perMinute.before, label: `old way, every ${OLD_INTERVAL_S} s` },
        ratio: ratioOf(perMinute.now, perMinute.before),
        note: `${count((60 / NEW_INTERVAL_S) * TABS)} checks a minute against ${count((60 / OLD_INTERVAL_S) * TABS * 2)} requests; ${count(bytesPerMinute.now / 1000)} KB against ${count(bytesPerMinute.before / 1000)} KB sent`,
      },
    ];
    return { figures, details: { pictures: PICTURES, starred: STARRED, tabs: TABS, rounds: ROUNDS, samples } };
  } finally {
    studio.cleanup();
  }
}

const count = (value: number) => round(value).toLocaleString("en");

function itemsOf(body: ArrayBuffer): number {
  return (JSON.parse(Buffer.from(body).toString("utf8")) as { items: unknown[] }).items.length;
}

/** The status line and header lines as HTTP/1.1 would send them (no Date, Connection or framing headers: the same for both). */
function headerBytes(res: Response): number {
  let bytes = `HTTP/1.1 ${res.status} \r\n`.length + 2;
  res.headers.forEach((value, name) => {
    bytes += name.length + value.length + 4;
  });
  return bytes;
}
