import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BoardRow, ListFilter, StudioDatabase, UserRow } from "@/lib/db";
import { makeUser } from "@/lib/db/shared/test-rows";
import { ratioOf, type Figure, type Measurement } from "./support/figures";
import { createSeeder } from "./support/seed";
import { median, percentile } from "./support/stats";

// 10. Board listing on SQLite at 100,000 stored generations, with a
// board holding every 10th picture (10,000): the first page and a deep page
// (the cursor 90% of the way down the board) of listGenerations({ board }),
// and listBoards with 50 boards (counts and covers). Baseline: the same
// queries on a database holding only the board's pictures, same rows, same
// boards: the ratio is what the other 90,000 pictures cost them (nothing, if
// the listing walks board_items' key and counts read the board's range).

const TOTAL = 100_000;
const EVERY = 10;
const PAGE = 24; // the gallery's page (lib/client/use-feed.ts PAGE_SIZE)
const BOARDS = 50;
const PER_SMALL_BOARD = 200;
const WARMUP = 50;
const SAMPLES = 200;
/** "Flat": at 100k stored the query costs at most this many times the board's pictures alone. */
const FLAT = 1.5;

type Query = { id: string; label: string; run(db: StudioDatabase): Promise<number> };

export async function measure(): Promise<Measurement> {
  const { openSqliteDatabase } = await import("@/lib/db");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nano-bench-boards-"));
  const full = openSqliteDatabase({ file: path.join(dir, "full.db") });
  const boardOnly = openSqliteDatabase({ file: path.join(dir, "board-only.db") });
  const viewer = person("viewer");
  const other = person("other");

  try {
    const seeder = createSeeder({ total: TOTAL });
    const insertMs = await seeder.add(full, TOTAL);
    const onBoard = seeder.ids().filter((_, i) => i % EVERY === 0);
    // The very rows of the board's pictures, read back, make the baseline's database.
    await boardOnly.insertGenerations({ rows: await full.getGenerations(onBoard) });
    const boards = boardsFor(viewer, other);
    const setupMs: number[] = [];
    for (const db of [full, boardOnly]) {
      const started = performance.now();
      await fill(db, boards, onBoard, [viewer, other]);
      setupMs.push(performance.now() - started);
    }
    const newestFirst = [...onBoard].reverse();
    const cursor = newestFirst[Math.floor(newestFirst.length * 0.9)];
    const expectedDeep = newestFirst.slice(Math.floor(newestFirst.length * 0.9) + 1, Math.floor(newestFirst.length * 0.9) + 1 + PAGE);
    const visible = boards.filter((b) => b.visibility === "team" || b.ownerId === viewer.id).length;

    const listing = (filter: Omit<ListFilter, "limit">, expected: string[]) => async (db: StudioDatabase) => {
      const started = performance.now();
      const page = await db.listGenerations({ ...filter, limit: PAGE });
      const ms = performance.now() - started;
      if (page.map((r) => r.id).join() !== expected.join()) throw new Error(`board listing ${JSON.stringify(filter)} answered other rows`);
      return ms;
    };
    const queries: Query[] = [
      { id: "first", label: "first page", run: listing({ board: boards[0].id }, newestFirst.slice(0, PAGE)) },
      { id: "deep", label: "deep page (90%)", run: listing({ board: boards[0].id, beforeId: cursor }, expectedDeep) },
      {
        id: "listBoards",
        label: `listBoards, ${visible} of ${BOARDS} boards`,
        async run(db) {
          const started = performance.now();
          const listed = await db.listBoards({ viewerId: viewer.id });
          const ms = performance.now() - started;
          const big = listed.find((b) => b.id === boards[0].id);
          if (listed.length !== visible || big?.count !== onBoard.length || big.coverId === null) throw new Error("listBoards answered other boards");
          return ms;
        },
      },
    ];

    /** Both databases in alternation, so drift in the machine's speed hits both alike. */
    async function sample(query: Query, count: number): Promise<[number[], number[]]> {
      const out: [number[], number[]] = [[], []];
      for (let i = 0; i < count; i++) {
        out[0].push(await query.run(boardOnly));
        out[1].push(await query.run(full));
      }
      return out;
    }

    // The seeding's garbage collected now rather than during the samples (child.ts passes --expose-gc).
    (globalThis as { gc?: () => void }).gc?.();
    const results: { id: string; baseP50: number; fullP50: number; fullP90: number }[] = [];
    for (const query of queries) {
      await sample(query, WARMUP);
      const [base, all] = await sample(query, SAMPLES);
      results.push({ id: query.id, baseP50: median(base), fullP50: median(all), fullP90: percentile(all, 90) });
    }

    const figures: Figure[] = queries.map((query, i) => {
      const r = results[i];
      const ratio = ratioOf(r.fullP50, r.baseP50);
      return {
        id: `boards.${query.id}`,
        name: `10 board ${query.label} p50, ${TOTAL.toLocaleString("en")} stored`,
        value: r.fullP50,
        unit: "ms",
        baseline: { value: r.baseP50, label: `the board's ${onBoard.length.toLocaleString("en")} pictures alone` },
        ratio,
        target: `≤ ${FLAT}`,
        meets: ratio !== null && ratio <= FLAT,
        note: `p90 ${r.fullP90.toFixed(2)} ms`,
      };
    });
    figures.push({
      id: "boards.fill",
      name: `10 seeding: ${onBoard.length.toLocaleString("en")} pictures onto a board, ${PER_SMALL_BOARD} per addBoardItems`,
      value: setupMs[0] / 1000,
      unit: "s",
      note: `plus ${BOARDS - 1} boards of ${PER_SMALL_BOARD}; ${TOTAL.toLocaleString("en")} generations inserted in ${(insertMs / 1000).toFixed(1)} s`,
    });
    return {
      figures,
      details: { engine: "sqlite", total: TOTAL, onBoard: onBoard.length, boards: BOARDS, page: PAGE, samples: SAMPLES, results },
    };
  } finally {
    await full.close();
    await boardOnly.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function person(name: string): UserRow {
  return makeUser({ id: `usr_bench_${name}`, name, createdAt: 0 });
}

/**
 * The big board (the viewer's, for the team) first, then 49 more: 40 for the
 * team, five private to the viewer, four private to someone else (which the
 * viewer's list leaves out).
 */
function boardsFor(viewer: UserRow, other: UserRow): BoardRow[] {
  return Array.from({ length: BOARDS }, (_, k) => {
    const visibility = k > 0 && k % 5 === 0 ? "private" : "team";
    const ownerId = visibility === "private" && k % 10 === 0 ? other.id : viewer.id;
    const id = `brd_bench_${String(k).padStart(2, "0")}`;
    return { id, name: k === 0 ? "Every tenth" : `Board ${k}`, visibility, ownerId, createdAt: k, updatedAt: k };
  });
}

/** The people, the boards, the big board's pictures and the others' slices of them, 200 ids a call as the API takes them. */
async function fill(db: StudioDatabase, boards: BoardRow[], onBoard: string[], people: UserRow[]): Promise<void> {
  for (const user of people) await db.insertUser(user);
  for (const [k, board] of boards.entries()) {
    await db.insertBoard(board);
    const ids = k === 0 ? onBoard : onBoard.slice(k * PER_SMALL_BOARD, (k + 1) * PER_SMALL_BOARD);
    for (let i = 0; i < ids.length; i += PER_SMALL_BOARD) {
      await db.addBoardItems({ boardId: board.id, generationIds: ids.slice(i, i + PER_SMALL_BOARD), now: Date.now() });
    }
  }
}
