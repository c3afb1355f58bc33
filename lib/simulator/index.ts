import "server-only";
import { matchRoute, takeBurst, type Burst } from "./bursts";
import { burstResponse } from "./errors";
import { TaskJournal } from "./persistence";
import { PictureCache } from "./pictures";
import { MAX_TASKS, answer, forgetTask, type SimulatorState } from "./routes";
import { emptyStats, recordPoll, snapshotStats, type SimulatorStats } from "./stats";
import { completionTime } from "./tasks";

// An embedded stand-in for the image gateway: the same wire protocol, answered
// in-process (through `fetch`) or on a port (serve.ts), with knobs for the
// failures real gateways produce.

export type { SimulatorStats } from "./stats";
export { serveSimulator } from "./serve";

export type SimulatorFaults = {
  /** 0..1, fraction of new tasks that end failed. */
  failureRate?: number;
  failureReason?: string;
  /** Every answer is delayed this long (a slow gateway). */
  latencyMs?: number;
  /** Result URLs stop working (404) this long after completion; default 7200. */
  resultTtlSeconds?: number;
};

export type SimulatorOptions = SimulatorFaults & {
  /** The bearer key it accepts. */
  apiKey: string;
  /**
   * Origin of the result URLs it hands out. Default: the origin each request
   * arrived on, so a served simulator hands out URLs on its own port and an
   * in-process one URLs its own `fetch` answers.
   */
  origin?: string;
  /** 2 = twice as fast; default 1. */
  speed?: number;
  /** ms clock; tests inject one to step time instead of sleeping. */
  now?: () => number;
  random?: () => number;
  /**
   * A JSON Lines file that keeps accepted tasks across restarts, as a real
   * gateway keeps them when the studio restarts: each task is appended when
   * accepted (a forgotten one gets a tombstone), and a new simulator on the
   * same file answers for them, its clock running on from their creation.
   * Absent: tasks live in memory only.
   */
  persistFile?: string;
};

export interface Simulator {
  handle(request: Request): Promise<Response>;
  /** `handle` as a fetch: injectable as a client's transport. Relative URLs resolve against http://simulator.invalid. */
  fetch: typeof fetch;
  setFaults(faults: Partial<SimulatorFaults>): void;
  /** The next `count` requests (matching `only`, default any) answer with this failure instead. */
  injectBurst(burst: Burst): void;
  stats(): SimulatorStats;
  resetStats(): void;
  /** Forget a task (the gateway "loses" it → task_not_exist), for good: also after a reload of `persistFile`. */
  forgetTask(id: string): void;
}

const DEFAULT_FAILURE_REASON = "Output blocked by the safety filter (simulated)";
const DEFAULT_RESULT_TTL_SECONDS = 7200;
const RELATIVE_BASE = "http://simulator.invalid";

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Rejects with the signal's reason on abort, as the real fetch does (e.g. a client's timeout). */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function cleanFaults(faults: Partial<SimulatorFaults>): Partial<SimulatorState["faults"]> {
  const out: Partial<SimulatorState["faults"]> = {};
  if (faults.failureRate !== undefined) out.failureRate = Math.min(1, Math.max(0, faults.failureRate));
  if (faults.failureReason !== undefined) out.failureReason = faults.failureReason;
  if (faults.latencyMs !== undefined) out.latencyMs = Math.max(0, faults.latencyMs);
  if (faults.resultTtlSeconds !== undefined) out.resultTtlSeconds = Math.max(0, faults.resultTtlSeconds);
  return out;
}

/** Takes over the tasks a previous process accepted; their pictures render again when asked for. */
function loadTasks(state: SimulatorState, journal: TaskJournal): void {
  const now = state.now();
  for (const task of journal.load().tasks) {
    const completedAt = completionTime(task);
    if (completedAt === undefined) {
      task.references = []; // a failed task is never drawn
    } else {
      if (now >= completedAt + state.faults.resultTtlSeconds * 1000) {
        task.pictureGone = true; // expired while we were down: gone for good, as it would have been
        task.references = [];
      }
      state.pendingCompletion.add(task.id);
    }
    state.tasks.set(task.id, task);
  }
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const state: SimulatorState = {
    apiKey: options.apiKey,
    origin: options.origin,
    speed: options.speed !== undefined && options.speed > 0 ? options.speed : 1,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    faults: {
      failureRate: 0,
      failureReason: DEFAULT_FAILURE_REASON,
      latencyMs: 0,
      resultTtlSeconds: DEFAULT_RESULT_TTL_SECONDS,
      ...cleanFaults(options),
    },
    tasks: new Map(),
    pictures: new PictureCache(),
    pendingCompletion: new Set(),
    journal: options.persistFile ? new TaskJournal(options.persistFile, MAX_TASKS) : undefined,
    flakyPrompts: new Set(),
  };
  if (state.journal) loadTasks(state, state.journal);
  const bursts: Burst[] = [];
  let stats = emptyStats();

  // Completion is a pure function of the clock, so it is recorded when asked
  // for, with the time it really happened, rather than by a timer.
  function recordCompletions(): void {
    const now = state.now();
    for (const id of state.pendingCompletion) {
      const task = state.tasks.get(id);
      const at = task && completionTime(task);
      if (at === undefined) state.pendingCompletion.delete(id);
      else if (at <= now) {
        stats.completedAtByTask[id] = at;
        state.pendingCompletion.delete(id);
      }
    }
  }

  async function handle(request: Request): Promise<Response> {
    const match = matchRoute(request.method, new URL(request.url).pathname);
    if (match.kind === "submit") stats.submits += 1;
    if (match.kind === "poll") recordPoll(stats, match.taskId, state.now());
    if (match.kind === "result") stats.resultDownloads += 1;

    if (state.faults.latencyMs > 0) await delay(state.faults.latencyMs, request.signal);
    const burst = takeBurst(bursts, match.kind);
    if (burst) return burstResponse(burst);
    return answer(state, match, request);
  }

  return {
    handle,
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
      const target = typeof input === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(input) ? new URL(input, RELATIVE_BASE) : input;
      const request = new Request(target, init);
      return abortable(handle(request), request.signal);
    }) as typeof fetch,
    setFaults: (faults) => {
      Object.assign(state.faults, cleanFaults(faults));
    },
    injectBurst: (burst) => {
      if (burst.count > 0) bursts.push({ ...burst });
    },
    stats: () => {
      recordCompletions();
      return snapshotStats(stats);
    },
    resetStats: () => {
      recordCompletions(); // what completed before the reset stays out of the new counts
      stats = emptyStats();
    },
    forgetTask: (id) => {
      const known = state.tasks.has(id);
      forgetTask(state, id);
      if (known) state.journal?.forget(id);
    },
  };
}
