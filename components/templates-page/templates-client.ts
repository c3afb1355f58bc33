"use client";
import { ApiError, templatesApi } from "@/lib/client/api";
import type { ErrorCode } from "@/lib/contract";
import type { CreateTemplateRequest, PatchTemplateInput, Template } from "@/lib/contract-templates";

// What the /templates page asks of /api/templates beyond the composer's
// list and create (lib/client/api.ts has those): rename, visibility,
// delete, and a copy. The server decides who may (lib/templates/access.ts);
// its refusals come back as ApiError like every other call's.

export const TEMPLATES_URL = "/api/templates";

type ErrorBody = { error?: { code?: ErrorCode; message?: string; issues?: { path: string; message: string }[] } };

async function send(path: string, init: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: init.body ? { "content-type": "application/json" } : undefined });
  } catch {
    throw new ApiError(0, "network_error", "network_error");
  }
  if (res.status === 204) return undefined;
  const body = (await res.json().catch(() => undefined)) as unknown;
  if (!res.ok) {
    const error = (body as ErrorBody | undefined)?.error;
    throw new ApiError(res.status, error?.code ?? "internal_error", error?.message ?? `HTTP ${res.status}`, error?.issues ?? []);
  }
  return body;
}

const one = (id: string) => `${TEMPLATES_URL}/${encodeURIComponent(id)}`;

export const templatesPageApi = {
  list: templatesApi.list,
  create: templatesApi.create,
  update: async (id: string, patch: PatchTemplateInput): Promise<Template> => (await send(one(id), { method: "PATCH", body: JSON.stringify(patch) })) as Template,
  remove: async (id: string): Promise<void> => void (await send(one(id), { method: "DELETE" })),
  /** A copy is a POST of its fields under a new name, the copier's own and private. */
  copy: (template: Template, name: string): Promise<Template> => templatesApi.create(copyFields(template, name)),
};

export function copyFields(template: Template, name: string): CreateTemplateRequest {
  return {
    name,
    prompt: template.prompt,
    model: template.model,
    aspectRatio: template.aspectRatio as CreateTemplateRequest["aspectRatio"],
    imageSize: template.imageSize as CreateTemplateRequest["imageSize"],
    count: template.count,
    references: template.references,
    visibility: "private",
  };
}
