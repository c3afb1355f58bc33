import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ASPECT_RATIOS, IMAGE_SIZES, isModelId, type AspectRatio, type ImageSize } from "@/lib/models";
import type { Reference } from "./references";
import type { Task, TaskFailure } from "./tasks";

// A real gateway keeps its tasks when the studio restarts, so the simulator
// can keep them in a JSON Lines journal: one line per accepted task, holding
// all that polls and a later render need, and one tombstone line per
// forgotten task. Lines are only appended while running; loading skips any
// line it cannot read (a crash mid-append leaves a torn last line) and
// rewrites the file, atomically, once it has grown well past what is kept.

const RECORD_VERSION = 1;

type ReferenceRecord = { kind: "image"; png: string } | { kind: "link"; host: string };

type TaskRecord = {
  v: typeof RECORD_VERSION;
  type: "task";
  id: string;
  model: string;
  prompt: string;
  aspectRatio: string;
  size: string;
  createdAt: number;
  queuedMs: number;
  totalMs: number;
  failure?: TaskFailure;
  noUrl: boolean;
  /** Thumbnails as base64 PNG, links as their host: exactly what the renderer draws. */
  references: ReferenceRecord[];
};

type ForgetRecord = { v: typeof RECORD_VERSION; type: "forget"; id: string };

export type LoadedJournal = {
  /** Oldest first, at most `maxTasks`, forgotten ones left out. */
  tasks: Task[];
  /** Lines the file held (readable or not). */
  lines: number;
  /** Lines that were skipped as unreadable. */
  skipped: number;
  compacted: boolean;
};

function taskRecord(task: Task): TaskRecord {
  const record: TaskRecord = {
    v: RECORD_VERSION,
    type: "task",
    id: task.id,
    model: task.model,
    prompt: task.prompt,
    aspectRatio: task.aspectRatio,
    size: task.size,
    createdAt: task.createdAt,
    queuedMs: task.queuedMs,
    totalMs: task.totalMs,
    noUrl: task.noUrl,
    references: task.references.map((ref) =>
      ref.kind === "image" ? { kind: "image", png: ref.thumbnail.toString("base64") } : { kind: "link", host: ref.host },
    ),
  };
  if (task.failure) record.failure = { message: task.failure.message, code: task.failure.code };
  return record;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

function readReferenceRecord(value: unknown): Reference | undefined {
  if (!isObject(value)) return undefined;
  if (value.kind === "link" && typeof value.host === "string") return { kind: "link", host: value.host };
  if (value.kind === "image" && typeof value.png === "string") {
    const thumbnail = Buffer.from(value.png, "base64");
    return thumbnail.length > 0 ? { kind: "image", thumbnail } : undefined;
  }
  return undefined;
}

function readFailure(value: unknown): TaskFailure | undefined | null {
  if (value === undefined) return undefined;
  if (isObject(value) && typeof value.message === "string" && typeof value.code === "string") {
    return { message: value.message, code: value.code };
  }
  return null; // present but unreadable
}

/** A task from one journal line; undefined when the line is not a well-formed task record. */
function readTaskRecord(value: Record<string, unknown>): Task | undefined {
  const { id, model, prompt, aspectRatio, size, createdAt, queuedMs, totalMs, noUrl, references } = value;
  if (typeof id !== "string" || id === "") return undefined;
  if (typeof model !== "string" || !isModelId(model)) return undefined;
  if (typeof prompt !== "string") return undefined;
  if (typeof aspectRatio !== "string" || !(ASPECT_RATIOS as readonly string[]).includes(aspectRatio)) return undefined;
  if (typeof size !== "string" || !(IMAGE_SIZES as readonly string[]).includes(size)) return undefined;
  if (!isFiniteNumber(createdAt) || !isFiniteNumber(queuedMs) || !isFiniteNumber(totalMs)) return undefined;
  if (totalMs <= 0 || queuedMs < 0 || queuedMs >= totalMs) return undefined;
  if (typeof noUrl !== "boolean" || !Array.isArray(references)) return undefined;
  const failure = readFailure(value.failure);
  if (failure === null) return undefined;
  const refs: Reference[] = [];
  for (const raw of references) {
    const ref = readReferenceRecord(raw);
    if (!ref) return undefined;
    refs.push(ref);
  }
  return {
    id,
    model,
    prompt,
    aspectRatio: aspectRatio as AspectRatio,
    size: size as ImageSize,
    references: refs,
    createdAt,
    queuedMs,
    totalMs,
    failure,
    noUrl,
    pictureGone: false,
  };
}

type ParsedLine = { kind: "task"; task: Task; line: string } | { kind: "forget"; id: string };

function parseLine(line: string): ParsedLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(value) || value.v !== RECORD_VERSION) return undefined;
  if (value.type === "forget") return typeof value.id === "string" ? { kind: "forget", id: value.id } : undefined;
  if (value.type !== "task") return undefined;
  const task = readTaskRecord(value);
  return task ? { kind: "task", task, line } : undefined;
}

/** Splits on "\n" without first turning a possibly large file into one string. */
function* lines(bytes: Buffer): Generator<string> {
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    const line = bytes.toString("utf8", start, end).trim();
    if (line !== "") yield line;
    start = end + 1;
  }
}

function readFileIfAny(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Replaces the file's content all at once: written beside it, flushed, then renamed over it. */
function rewriteAtomically(file: string, content: string): void {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const fd = fs.openSync(temp, "w");
    try {
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

export class TaskJournal {
  constructor(
    readonly file: string,
    private readonly maxTasks: number,
  ) {}

  /** Appends a task as accepted; throws when it could not be stored. */
  append(task: Task): void {
    this.write(`${JSON.stringify(taskRecord(task))}\n`);
  }

  /** Appends a tombstone, so the task stays forgotten after a reload. */
  forget(id: string): void {
    const record: ForgetRecord = { v: RECORD_VERSION, type: "forget", id };
    this.write(`${JSON.stringify(record)}\n`);
  }

  /**
   * Reads every task the file holds (an absent file holds none), keeping the
   * newest `maxTasks` not forgotten. Compacts the file past twice that many
   * lines, and ends a torn last line so the next append starts on its own.
   */
  load(): LoadedJournal {
    const bytes = readFileIfAny(this.file);
    if (!bytes || bytes.length === 0) return { tasks: [], lines: 0, skipped: 0, compacted: false };

    // Map order is file order; a re-appended id moves to the end (newest).
    const kept = new Map<string, { task: Task; line: string }>();
    let count = 0;
    let skipped = 0;
    for (const line of lines(bytes)) {
      count += 1;
      const parsed = parseLine(line);
      if (!parsed) skipped += 1;
      else if (parsed.kind === "forget") kept.delete(parsed.id);
      else {
        kept.delete(parsed.task.id);
        kept.set(parsed.task.id, { task: parsed.task, line: parsed.line });
      }
    }
    const entries = [...kept.values()].slice(-this.maxTasks);

    let compacted = false;
    if (count > 2 * this.maxTasks) {
      // The kept records, byte for byte; forgotten, dropped and torn lines go.
      rewriteAtomically(this.file, entries.map((e) => `${e.line}\n`).join(""));
      compacted = true;
    } else if (bytes[bytes.length - 1] !== 0x0a) {
      fs.appendFileSync(this.file, "\n"); // a torn last line: the next record must not be glued onto it
    }
    return { tasks: entries.map((e) => e.task), lines: count, skipped, compacted };
  }

  private write(line: string): void {
    try {
      fs.appendFileSync(this.file, line);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.appendFileSync(this.file, line);
    }
  }
}
