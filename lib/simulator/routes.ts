import "server-only";
import { effectiveSize } from "@/lib/models";
import type { RouteMatch } from "./bursts";
import { chatCompletion } from "./chat";
import { fileNotFound, invalidKey, jsonResponse, openAiError, routeNotFound, taskNotExist } from "./errors";
import type { TaskJournal } from "./persistence";
import type { PictureCache } from "./pictures";
import { UNREADABLE_REFERENCE, readReferences } from "./references";
import { parseSubmit } from "./submit-request";
import { completionTime, newTaskId, taskBody, taskState, taskTiming, type Task, type TaskFailure } from "./tasks";

// The gateway's endpoints over the simulator's state. Faults that apply to
// every request (latency, bursts) are handled before these, in index.ts.

export type SimulatorState = {
  apiKey: string;
  /** Fixed result-URL origin; when absent, the origin the request came in on. */
  origin: string | undefined;
  speed: number;
  now: () => number;
  random: () => number;
  faults: { failureRate: number; failureReason: string; latencyMs: number; resultTtlSeconds: number };
  tasks: Map<string, Task>;
  pictures: PictureCache;
  /** Tasks whose completion time stats() has not recorded yet. */
  pendingCompletion: Set<string>;
  /** Where accepted tasks are kept across restarts; absent = memory only. */
  journal: TaskJournal | undefined;
  /** Prompts with `#flaky` seen so far (memory only). */
  flakyPrompts: Set<string>;
};

// A demo server runs for days; old tasks are forgotten like a gateway's retention would.
export const MAX_TASKS = 10_000;
const MODEL_ERROR = "The model stopped before the picture was finished (simulated)";

/** `#flaky`: the first task of a prompt fails, the ones after it succeed (a retry that works). */
function firstOfItsPrompt(state: SimulatorState, prompt: string): boolean {
  if (state.flakyPrompts.has(prompt)) return false;
  if (state.flakyPrompts.size >= MAX_TASKS) state.flakyPrompts.clear();
  state.flakyPrompts.add(prompt);
  return true;
}
const FALLBACK_ORIGIN = "http://simulator.invalid";

function authorized(state: SimulatorState, request: Request): boolean {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match !== null && match[1] === state.apiKey;
}

function resultUrl(state: SimulatorState, request: Request, taskId: string): string {
  let origin = state.origin;
  if (!origin) {
    const own = new URL(request.url).origin;
    origin = own === "null" ? FALLBACK_ORIGIN : own;
  }
  return `${origin.replace(/\/+$/, "")}/v1/files/${encodeURIComponent(taskId)}.png`;
}

function pngResponse(bytes: Buffer): Response {
  // A copy: the cached bytes are served again and must never be handed over (detached).
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: { "content-type": "image/png", "content-length": String(bytes.length) },
  });
}

/** Renders lazily once completed; expires (for good) past the TTL. */
function pictureIfAvailable(state: SimulatorState, task: Task, now: number): Promise<Buffer> | undefined {
  const completedAt = completionTime(task);
  if (completedAt === undefined || now < completedAt) return undefined;
  if (now >= completedAt + state.faults.resultTtlSeconds * 1000) {
    state.pictures.expire(task);
    return undefined;
  }
  return state.pictures.get(task);
}

async function submit(state: SimulatorState, request: Request): Promise<Response> {
  const parsed = await parseSubmit(request);
  if (!parsed.ok) return parsed.response;
  const { model, prompt, aspectRatio, imageSize, urls } = parsed.value;
  const size = effectiveSize(model, imageSize);
  const references = await readReferences(urls);

  let failure: TaskFailure | undefined;
  if (!references) failure = { message: UNREADABLE_REFERENCE, code: "invalid_reference_image" };
  else if (/#fail\b/i.test(prompt) || (state.faults.failureRate > 0 && state.random() < state.faults.failureRate)) {
    failure = { message: state.faults.failureReason, code: "output_moderation" };
  } else if (/#error\b/i.test(prompt) || (/#flaky\b/i.test(prompt) && firstOfItsPrompt(state, prompt))) {
    // A failure a retry may cure: the model, not the safety filter, gave up.
    failure = { message: MODEL_ERROR, code: "model_error" };
  }

  const task: Task = {
    id: newTaskId(),
    model,
    prompt,
    aspectRatio,
    size,
    references: references ?? [],
    createdAt: state.now(),
    ...taskTiming({ model, size, speed: state.speed }),
    failure,
    noUrl: /#nourl\b/i.test(prompt),
    pictureGone: false,
  };
  try {
    state.journal?.append(task);
  } catch {
    // Not stored means not accepted: a gateway that cannot keep a task refuses it.
    return openAiError({ status: 500, message: "the task could not be stored (simulated)", code: "task_store_failed" });
  }
  state.tasks.set(task.id, task);
  state.pendingCompletion.add(task.id);
  // Evicted without a tombstone: loading keeps only the newest MAX_TASKS anyway.
  for (const oldId of state.tasks.keys()) {
    if (state.tasks.size <= MAX_TASKS) break;
    forgetTask(state, oldId);
  }
  return jsonResponse(200, taskBody({ task, now: task.createdAt, resultUrl: "" }));
}

function poll(state: SimulatorState, request: Request, taskId: string): Response {
  const task = state.tasks.get(taskId);
  if (!task) return taskNotExist();
  const now = state.now();
  // Start rendering as soon as a poll sees the task completed, so the download is quick.
  void pictureIfAvailable(state, task, now);
  return jsonResponse(200, taskBody({ task, now, resultUrl: resultUrl(state, request, task.id) }));
}

async function download(state: SimulatorState, match: { taskId: string; via: "content" | "file" }): Promise<Response> {
  const task = state.tasks.get(match.taskId);
  if (!task) return match.via === "content" ? taskNotExist() : fileNotFound();
  const now = state.now();
  const { status } = taskState(task, now);
  if (status !== "completed") {
    return match.via === "content"
      ? openAiError({ status: 400, message: `task is not completed (status: ${status})`, code: "task_not_completed" })
      : fileNotFound();
  }
  const picture = pictureIfAvailable(state, task, now);
  if (!picture) return fileNotFound();
  try {
    return pngResponse(await picture);
  } catch {
    return openAiError({ status: 500, message: "rendering the result failed (simulated)", code: "render_failed" });
  }
}

export function forgetTask(state: SimulatorState, taskId: string): void {
  state.tasks.delete(taskId);
  state.pendingCompletion.delete(taskId);
  state.pictures.forget(taskId);
}

/** Answers one request after faults had their chance. */
export async function answer(state: SimulatorState, match: RouteMatch, request: Request): Promise<Response> {
  if (match.kind === "result" && match.via === "file") return download(state, match); // a CDN URL: no key
  if (match.kind === "other") return routeNotFound(request.method, new URL(request.url).pathname);
  if (!authorized(state, request)) return invalidKey();
  if (match.kind === "submit") return submit(state, request);
  if (match.kind === "chat") return chatCompletion(request);
  if (match.kind === "poll") return poll(state, request, match.taskId);
  return download(state, match);
}
