import "server-only";
import { randomBytes } from "node:crypto";
import type { AspectRatio, ImageSize, ModelId } from "@/lib/models";
import type { Reference } from "./references";

// A task's state is a pure function of the clock: no timers run, so a test can
// step an injected clock and a long-running server keeps nothing ticking.

export type TaskFailure = { message: string; code: string };

export type Task = {
  id: string;
  model: ModelId;
  prompt: string;
  aspectRatio: AspectRatio;
  size: ImageSize;
  references: Reference[];
  createdAt: number;
  queuedMs: number;
  totalMs: number;
  /** Decided at submit; revealed partway through processing. */
  failure?: TaskFailure;
  /** `#nourl`: completed polls carry no `url`, as when a gateway flips status before the file exists. */
  noUrl: boolean;
  /** Rendered lazily the first time anyone sees the task completed. */
  picture?: Promise<Buffer>;
  /** Evicted from the picture cache or past its TTL: the result is gone for good. */
  pictureGone: boolean;
};

export type TaskStatus = "queued" | "processing" | "completed" | "failed";

// Seconds at speed 1, shortened from the contract's typical times so demos
// and end-to-end tests stay quick while keeping the models' order.
const MODEL_SECONDS = (model: ModelId) => (model === "nano_banana_2" ? 4 : 6);
const SIZE_EXTRA_SECONDS: Record<ImageSize, number> = { "1K": 0, "2K": 2, "4K": 6 };
const QUEUED_SHARE = 0.15;
const FAIL_AT_PROCESSING_SHARE = 0.5;

export function newTaskId(): string {
  return `task_nano_${randomBytes(12).toString("base64url").replace(/[-_]/g, "x")}`;
}

export function taskTiming(params: { model: ModelId; size: ImageSize; speed: number }) {
  const totalMs = ((MODEL_SECONDS(params.model) + SIZE_EXTRA_SECONDS[params.size]) * 1000) / params.speed;
  return { totalMs, queuedMs: totalMs * QUEUED_SHARE };
}

const failAtMs = (task: Task) => task.queuedMs + (task.totalMs - task.queuedMs) * FAIL_AT_PROCESSING_SHARE;

/** The ms clock time the task is (or will be) completed; undefined for one that fails. */
export function completionTime(task: Task): number | undefined {
  return task.failure ? undefined : task.createdAt + task.totalMs;
}

export function taskState(task: Task, now: number): { status: TaskStatus; progress: number } {
  const elapsed = now - task.createdAt;
  const progressAt = (ms: number) => {
    const share = (ms - task.queuedMs) / (task.totalMs - task.queuedMs);
    return Math.min(99, Math.max(1, Math.round(5 + share * 90)));
  };
  if (task.failure && elapsed >= failAtMs(task)) return { status: "failed", progress: progressAt(failAtMs(task)) };
  if (elapsed < task.queuedMs) return { status: "queued", progress: 0 };
  if (elapsed >= task.totalMs) return { status: "completed", progress: 100 };
  return { status: "processing", progress: progressAt(elapsed) };
}

/** The task object as GET /v1/videos/{id} answers it. */
export function taskBody(params: { task: Task; now: number; resultUrl: string }): Record<string, unknown> {
  const { task, now, resultUrl } = params;
  const { status, progress } = taskState(task, now);
  const body: Record<string, unknown> = {
    id: task.id,
    object: "image",
    model: task.model,
    status,
    progress,
    created: Math.floor(task.createdAt / 1000),
  };
  if (status === "completed") {
    body.completed_at = Math.floor((task.createdAt + task.totalMs) / 1000);
    if (!task.noUrl) body.url = resultUrl;
  }
  if (status === "failed" && task.failure) {
    // new-api keeps the upstream's reason in `fail_reason`; the OpenAI-style relay adds `error`.
    body.error = { ...task.failure };
    body.fail_reason = task.failure.message;
  }
  return body;
}
