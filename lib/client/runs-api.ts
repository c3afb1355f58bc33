"use client";
import type { CreateRunResponse, RunPreview } from "@/lib/contract-runs";
import { call } from "./api";

// POST /api/runs from the browser: the preview (dryRun) and the run itself,
// both from the table as the person pasted it (the server reads it again).

export const runsApi = {
  preview: async (templateId: string, table: string): Promise<RunPreview> =>
    (await call("/api/runs", { method: "POST", body: JSON.stringify({ templateId, table, dryRun: true }) })) as RunPreview,
  start: async (templateId: string, table: string, idempotencyKey: string): Promise<CreateRunResponse> =>
    (await call("/api/runs", { method: "POST", body: JSON.stringify({ templateId, table, idempotencyKey }) })) as CreateRunResponse,
};
