import { describe, expect, it } from "vitest";
import { normalizeTask, type NormalizedTask } from "./normalize";

type Row = {
  name: string;
  body: unknown;
  previousProgress?: number;
  expect: Partial<Omit<NormalizedTask, "raw">> & { url?: string | undefined };
  noUrl?: boolean;
};

const PNG = "https://cdn.example.com/a.png";

// One row per variant the contract tells us to tolerate.
const rows: Row[] = [
  { name: "documented queued task", body: { id: "task_1", object: "image", model: "nano_banana_2", status: "queued", progress: 0, created: 1709876543 }, expect: { id: "task_1", status: "queued", progress: 0, createdAt: 1709876543000 } },
  { name: "documented completed task", body: { id: "task_1", object: "image", status: "completed", progress: 100, url: PNG }, expect: { status: "completed", progress: 100, url: PNG } },
  { name: "task_id instead of id", body: { task_id: "task_2", status: "queued" }, expect: { id: "task_2" } },
  { name: "wrapped in data", body: { code: "success", data: { task_id: "task_3", status: "IN_PROGRESS", progress: "30%" } }, expect: { id: "task_3", status: "processing", progress: 30 } },
  { name: "wrapped data.id", body: { code: "success", data: { id: "task_4", status: "SUCCESS", result_url: PNG } }, expect: { id: "task_4", status: "completed", url: PNG } },
  ...["queued", "pending", "submitted", "not_start", "NOT_STARTED", "Unknown"].map((s) => ({ name: `status ${s} → queued`, body: { id: "t", status: s }, expect: { status: "queued" as const } })),
  ...["processing", "IN_PROGRESS", "Running"].map((s) => ({ name: `status ${s} → processing`, body: { id: "t", status: s }, expect: { status: "processing" as const } })),
  ...["completed", "SUCCEEDED", "success", "Done"].map((s) => ({ name: `status ${s} → completed`, body: { id: "t", status: s, url: PNG }, expect: { status: "completed" as const, progress: 100 } })),
  ...["failed", "FAILURE", "error", "cancelled", "canceled", "expired", "TIMEOUT"].map((s) => ({ name: `status ${s} → failed`, body: { id: "t", status: s }, expect: { status: "failed" as const } })),
  { name: "unknown status kept as processing", body: { id: "t", status: "warming_up" }, expect: { status: "processing" } },
  { name: "error object without status is a failure", body: { id: "t", error: { message: "blocked", code: "moderation" } }, expect: { status: "failed", error: { code: "moderation", message: "blocked" } } },
  { name: "progress as number", body: { id: "t", status: "processing", progress: 42 }, expect: { progress: 42 } },
  { name: "progress as numeric string", body: { id: "t", status: "processing", progress: "57" }, expect: { progress: 57 } },
  { name: "progress as percentage", body: { id: "t", status: "processing", progress: "45%" }, expect: { progress: 45 } },
  { name: "progress clamped above", body: { id: "t", status: "processing", progress: 180 }, expect: { progress: 100 } },
  { name: "progress clamped below", body: { id: "t", status: "processing", progress: -5 }, expect: { progress: 0 } },
  { name: "progress absent keeps last known", body: { id: "t", status: "processing" }, previousProgress: 63, expect: { progress: 63 } },
  { name: "progress garbage keeps last known", body: { id: "t", status: "processing", progress: "soon" }, previousProgress: 12, expect: { progress: 12 } },
  { name: "completed is 100 whatever it says", body: { id: "t", status: "completed", progress: "90%", url: PNG }, expect: { progress: 100 } },
  { name: "url under metadata.url", body: { id: "t", status: "completed", metadata: { url: PNG } }, expect: { url: PNG } },
  { name: "url under video_url", body: { id: "t", status: "completed", video_url: PNG }, expect: { url: PNG } },
  { name: "url under result_url", body: { id: "t", status: "completed", result_url: PNG }, expect: { url: PNG } },
  { name: "url under data.result_url", body: { id: "t", status: "completed", data: { result_url: PNG } }, expect: { url: PNG } },
  { name: "url under data[0].url", body: { id: "t", status: "completed", data: [{ url: PNG }] }, expect: { url: PNG } },
  { name: "url under results[0].url", body: { id: "t", status: "completed", results: [{ url: PNG }] }, expect: { url: PNG } },
  { name: "first present url wins", body: { id: "t", status: "completed", url: PNG, result_url: "https://other/x.png" }, expect: { url: PNG } },
  { name: "data:image url accepted", body: { id: "t", status: "completed", url: "data:image/png;base64,AAAA" }, expect: { url: "data:image/png;base64,AAAA" } },
  { name: "non-url text in url skipped for a later field", body: { id: "t", status: "completed", url: "not a url", result_url: PNG }, expect: { url: PNG } },
  { name: "completed without any url", body: { id: "t", status: "completed" }, expect: { status: "completed" }, noUrl: true },
  { name: "ftp url refused", body: { id: "t", status: "completed", url: "ftp://x/y.png" }, expect: {}, noUrl: true },
  { name: "javascript url refused", body: { id: "t", status: "completed", url: "javascript:alert(1)" }, expect: {}, noUrl: true },
  { name: "error text in metadata.url of a failed task", body: { id: "t", status: "FAILURE", metadata: { url: "upstream said: no image returned" } }, expect: { status: "failed", error: { code: "upstream_failed", message: "upstream said: no image returned" } }, noUrl: true },
  { name: "error as a string", body: { id: "t", status: "failed", error: "bad reference image" }, expect: { error: { code: "upstream_failed", message: "bad reference image" } } },
  { name: "fail_reason", body: { id: "t", status: "failed", fail_reason: "input moderation" }, expect: { error: { code: "upstream_failed", message: "input moderation" } } },
  { name: "failure_reason", body: { id: "t", status: "failed", failure_reason: "no image" }, expect: { error: { code: "upstream_failed", message: "no image" } } },
  { name: "reason", body: { id: "t", status: "failed", reason: "safety" }, expect: { error: { code: "upstream_failed", message: "safety" } } },
  { name: "failed without a reason", body: { id: "t", status: "failed" }, expect: { status: "failed", error: { code: "upstream_failed", message: "The gateway reported a failure without a reason" } } },
  { name: "missing created", body: { id: "t", status: "queued" }, expect: { createdAt: undefined } },
  { name: "created_at in milliseconds", body: { id: "t", status: "queued", created_at: 1709876543123 }, expect: { createdAt: 1709876543123 } },
  { name: "object video and extra fields ignored", body: { id: "t", object: "video", status: "queued", seconds: "8", size: "720x1280", whatever: { deep: [1, 2] }, completed_at: 1, expires_at: 2 }, expect: { id: "t", status: "queued" } },
];

describe("normalizeTask", () => {
  it.each(rows)("$name", (row) => {
    const task = normalizeTask(row.body, { previousProgress: row.previousProgress });
    expect(task).toBeDefined();
    expect(task).toMatchObject(row.expect);
    if (row.noUrl) expect(task!.url).toBeUndefined();
    expect(task!.raw).toBe(row.body);
    expect(task!.progress).toBeGreaterThanOrEqual(0);
    expect(task!.progress).toBeLessThanOrEqual(100);
  });

  it("is not a task without any id", () => {
    expect(normalizeTask({ status: "queued" })).toBeUndefined();
    expect(normalizeTask("text")).toBeUndefined();
    expect(normalizeTask(null)).toBeUndefined();
  });

  it("uses the polled id when the body has none", () => {
    expect(normalizeTask({ status: "running" }, { fallbackId: "task_9" })?.id).toBe("task_9");
  });
});
