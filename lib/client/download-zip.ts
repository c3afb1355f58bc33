"use client";
import { MAX_BULK_IDS } from "@/lib/contract-values";
import { checkDownload, type DownloadRequest } from "./api";

/**
 * Downloads a ZIP of these pictures through a real form post, so the browser
 * streams the answer of POST /api/downloads to disk as it arrives: a fetch
 * into a Blob would hold hundreds of megabytes in the tab first. The form is
 * url-encoded, one `generationIds` field per picture, and leaves the page as
 * it is (the answer is an attachment). An error answer would not: the
 * browser would show its JSON instead of the studio, so the request is
 * checked first and a refusal is thrown here (an ApiError).
 */
export async function downloadZip(generationIds: readonly string[]): Promise<void> {
  if (generationIds.length === 0 || generationIds.length > MAX_BULK_IDS) return;
  await postForDownload({ generationIds });
}

/**
 * A bulk run's ZIP (its finished pictures, metadata.json with each row's
 * values), the same way: one `runId` field. A run is not capped at 200
 * pictures, so it is named, not listed.
 */
export async function downloadRunZip(runId: string): Promise<void> {
  await postForDownload({ runId });
}

async function postForDownload(request: DownloadRequest): Promise<void> {
  await checkDownload(request);
  const form = document.createElement("form");
  form.method = "post";
  form.action = "/api/downloads";
  form.enctype = "application/x-www-form-urlencoded";
  form.hidden = true;
  const fields = "runId" in request ? [["runId", request.runId]] : request.generationIds.map((id) => ["generationIds", id]);
  for (const [name, value] of fields) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }
  document.body.appendChild(form);
  form.submit();
  form.remove();
}
