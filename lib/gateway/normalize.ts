import "server-only";
import { logger } from "@/lib/log";

// new-api relays many providers with several task vocabularies, and sometimes
// passes an upstream's own JSON through. Everything the contract lists as
// "tolerate all of it" is folded here into one shape.

export type TaskStatus = "queued" | "processing" | "completed" | "failed";

export type NormalizedTask = {
  id: string;
  status: TaskStatus;
  progress: number;
  url?: string;
  error?: { code: string; message: string };
  /** Unix ms, when the gateway said. */
  createdAt?: number;
  raw: unknown;
};

const STATUS_WORDS: Record<string, TaskStatus> = {
  queued: "queued",
  pending: "queued",
  submitted: "queued",
  not_start: "queued",
  not_started: "queued",
  // new-api says `unknown` for a task its upstream has not started yet.
  unknown: "queued",
  processing: "processing",
  in_progress: "processing",
  running: "processing",
  completed: "completed",
  succeeded: "completed",
  success: "completed",
  done: "completed",
  failed: "failed",
  failure: "failed",
  error: "failed",
  cancelled: "failed",
  canceled: "failed",
  expired: "failed",
  timeout: "failed",
};

const seenUnknownStatuses = new Set<string>();

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() ? v.trim() : typeof v === "number" ? String(v) : undefined;

/** `{ code: "success", data: { … } }` wraps the task on some routes. */
export function unwrapTask(body: unknown): Obj | undefined {
  if (!isObj(body)) return undefined;
  if (isObj(body.data) && !("status" in body) && !("id" in body && "object" in body)) {
    return { ...body.data, __outer: body };
  }
  return body;
}

function mapStatus(value: unknown, task: Obj): TaskStatus {
  const word = text(value)?.toLowerCase();
  if (word === undefined) return task.error ? "failed" : "queued";
  const known = STATUS_WORDS[word];
  if (known) return known;
  if (!seenUnknownStatuses.has(word)) {
    seenUnknownStatuses.add(word);
    logger.warn({ status: word }, "gateway sent an unknown task status; treating it as processing");
  }
  return "processing";
}

export function parseProgress(value: unknown): number | undefined {
  let n: number | undefined;
  if (typeof value === "number") n = value;
  else if (typeof value === "string") {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
    if (m) n = Number(m[1]);
  }
  if (n === undefined || !Number.isFinite(n)) return undefined;
  return Math.min(100, Math.max(0, n));
}

/** Only an http(s) or data:image value is a picture; new-api has put error text in `metadata.url`. */
export function asResultUrl(value: unknown): string | undefined {
  const v = text(value);
  if (!v) return undefined;
  if (/^https?:\/\/[^\s]+$/i.test(v) || /^data:image\/[a-z0-9.+-]+[;,]/i.test(v)) return v;
  return undefined;
}

function firstUrl(task: Obj): string | undefined {
  const outer = isObj(task.__outer) ? task.__outer : {};
  const meta = isObj(task.metadata) ? task.metadata : {};
  const data = isObj(task.data) ? task.data : isObj(outer.data) ? outer.data : {};
  const dataList = Array.isArray(task.data) ? task.data : [];
  const results = Array.isArray(task.results) ? task.results : [];
  const candidates = [
    task.url,
    meta.url,
    task.video_url,
    task.result_url,
    data.result_url,
    isObj(dataList[0]) ? dataList[0].url : undefined,
    isObj(results[0]) ? results[0].url : undefined,
  ];
  for (const c of candidates) {
    const url = asResultUrl(c);
    if (url) return url;
  }
  return undefined;
}

function failure(task: Obj): { code: string; message: string } | undefined {
  const e = task.error;
  if (isObj(e)) {
    const message = text(e.message) ?? text(e.msg);
    if (message) return { code: text(e.code) ?? text(e.type) ?? "upstream_failed", message };
  }
  const message =
    text(e) ?? text(task.fail_reason) ?? text(task.failure_reason) ?? text(task.reason);
  if (message) return { code: "upstream_failed", message };
  // new-api puts the error text where the URL would be.
  const meta = isObj(task.metadata) ? task.metadata : {};
  const misplaced = text(meta.url);
  if (misplaced && !asResultUrl(misplaced)) return { code: "upstream_failed", message: misplaced };
  return undefined;
}

function createdAt(task: Obj): number | undefined {
  const raw = task.created ?? task.created_at;
  const n = typeof raw === "string" ? Number(raw) : raw;
  if (typeof n !== "number" || !Number.isFinite(n) || n <= 0) return undefined;
  return n > 1e12 ? n : n * 1000;
}

/**
 * One gateway task body → the normalized task. Returns undefined when the body
 * is not a task at all (the caller treats that as malformed).
 */
export function normalizeTask(
  body: unknown,
  opts: { previousProgress?: number; fallbackId?: string } = {},
): NormalizedTask | undefined {
  const task = unwrapTask(body);
  if (!task) return undefined;
  const id = text(task.id) ?? text(task.task_id) ?? opts.fallbackId;
  if (!id) return undefined;

  const status = mapStatus(task.status ?? task.state, task);
  const progress =
    status === "completed" ? 100 : (parseProgress(task.progress) ?? opts.previousProgress ?? 0);
  const result: NormalizedTask = { id, status, progress, raw: body, createdAt: createdAt(task) };
  if (status === "completed") {
    const url = firstUrl(task);
    if (url) result.url = url;
  }
  if (status === "failed") {
    result.error = failure(task) ?? { code: "upstream_failed", message: "The gateway reported a failure without a reason" };
  }
  return result;
}
