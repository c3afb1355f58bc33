"use client";
import type { CreateTemplateRequest, ListTemplatesResponse, Template } from "@/lib/contract-templates";
import type { Run } from "@/lib/contract-runs";
import type {
  Board,
  BoardVisibility,
  CreatedShare,
  CreateGenerationRequest,
  ErrorCode,
  Generation,
  GenerationIdsResponse,
  ListBoardsResponse,
  ListGenerationsResponse,
  ListSharesResponse,
  UploadedReference,
  SessionInfo,
  SharePreview,
  UsageQuery,
  UsageResponse,
  User,
  VersionsResponse,
} from "@/lib/contract";

// zod and the schemas arrive with the first answer to check, not with the page.
const schemas = () => import("./schemas");

// The browser's side of the studio API: one function per call, answers
// checked against the same zod schemas the server answers with.

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "network_error",
    message: string,
    readonly issues: { path: string; message: string }[] = [],
    readonly retryAfterSeconds?: number,
    /** A 429 from a person's limit: which one (`daily`, `monthlyBudget`, `maxActive`…) and when it resets (ISO). */
    readonly limit: { limit?: string; resetsAt?: string } = {},
  ) {
    super(message);
  }
}

export async function call(path: string, init: RequestInit = {}): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      // JSON bodies are strings; a FormData body sets its own multipart type.
      headers: typeof init.body === "string" ? { "content-type": "application/json", ...init.headers } : init.headers,
    });
  } catch {
    throw new ApiError(0, "network_error", "network_error");
  }
  if (res.status === 204) return undefined;
  if (!res.ok) throw await errorOf(res);
  return res.json().catch(() => undefined);
}

/** The studio's error answer as an ApiError (its code, message, field issues and Retry-After). */
async function errorOf(res: Response): Promise<ApiError> {
  const body = await res.json().catch(() => undefined);
  const parsed = (await schemas()).errorBodySchema.safeParse(body);
  const retryAfter = Number(res.headers.get("retry-after"));
  if (!parsed.success) return new ApiError(res.status, "internal_error", `HTTP ${res.status}`);
  const e = parsed.data.error;
  return new ApiError(res.status, e.code, e.message, e.issues, Number.isFinite(retryAfter) ? retryAfter : undefined, { limit: e.limit, resetsAt: e.resetsAt });
}

/** What POST /api/downloads zips: the pictures named, or a bulk run's finished ones. */
export type DownloadRequest = { generationIds: readonly string[] } | { runId: string };

/**
 * Whether POST /api/downloads would answer these pictures (or this run) with
 * a ZIP. The server checks all it can (unknown ids or run, unfinished
 * pictures, stored files gone) before its first byte, so the request is
 * dropped as soon as the answer starts: the ZIP itself is fetched by a form
 * post, which streams it to disk, but whose error would replace the page.
 */
export async function checkDownload(request: DownloadRequest): Promise<void> {
  const stop = new AbortController();
  let res: Response;
  try {
    res = await fetch("/api/downloads", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request),
      signal: stop.signal,
    });
  } catch {
    throw new ApiError(0, "network_error", "network_error");
  }
  if (!res.ok) throw await errorOf(res);
  stop.abort();
}

export type ListParams = {
  status?: "active" | "completed" | "failed";
  q?: string;
  model?: string;
  favorite?: boolean;
  mine?: boolean;
  cursor?: string | null;
  limit?: number;
  /** Only the pictures on this board. */
  board?: string;
  /** Only the pictures of one request. */
  batch?: string;
  /** Only the pictures of one bulk run (every version of every row's). */
  run?: string;
  /** `all`: every version of every tree, not one card per tree. */
  versions?: "all";
};

export function listUrl(params: ListParams): string {
  const search = new URLSearchParams();
  if (params.status) search.set("status", params.status);
  if (params.q?.trim()) search.set("q", params.q.trim());
  if (params.model) search.set("model", params.model);
  if (params.favorite) search.set("favorite", "1");
  if (params.mine) search.set("mine", "1");
  if (params.board) search.set("board", params.board);
  if (params.batch) search.set("batch", params.batch);
  if (params.run) search.set("run", params.run);
  if (params.versions === "all") search.set("versions", "all");
  if (params.cursor) search.set("cursor", params.cursor);
  if (params.limit) search.set("limit", String(params.limit));
  const qs = search.toString();
  return `/api/generations${qs ? `?${qs}` : ""}`;
}

/** GET /api/generations/ids with the list's filters: every matching id, and how many match. */
export function matchingIdsUrl(params: Omit<ListParams, "cursor" | "limit">): string {
  return listUrl(params).replace(/^\/api\/generations/, "/api/generations/ids");
}

export const api = {
  list: async (url: string): Promise<ListGenerationsResponse> => (await schemas()).listGenerationsResponseSchema.parse(await call(url)),
  /**
   * The list again unless nothing it could show changed since the answer that
   * came with `etag`: then the server's 304 is "unchanged", with nothing read
   * or parsed. Otherwise the page, and the tag to send next time.
   */
  listIfChanged: async (url: string, etag?: string): Promise<"unchanged" | { page: ListGenerationsResponse; etag?: string }> => {
    let res: Response;
    try {
      res = await fetch(url, { cache: "no-store", headers: etag ? { "if-none-match": etag } : {} });
    } catch {
      throw new ApiError(0, "network_error", "network_error");
    }
    if (res.status === 304) return "unchanged";
    if (!res.ok) throw await errorOf(res);
    return { page: (await schemas()).listGenerationsResponseSchema.parse(await res.json()), etag: res.headers.get("etag") ?? undefined };
  },
  matchingIds: async (url: string): Promise<GenerationIdsResponse> => (await schemas()).generationIdsResponseSchema.parse(await call(url)),
  get: async (id: string): Promise<Generation> => (await schemas()).generationSchema.parse(await call(`/api/generations/${id}`)),
  create: async (body: CreateGenerationRequest): Promise<Generation[]> =>
    (await schemas()).createGenerationResponseSchema.parse(await call("/api/generations", { method: "POST", body: JSON.stringify(body) })).generations,
  setFavorite: async (id: string, favorite: boolean): Promise<Generation> =>
    (await schemas()).generationSchema.parse(await call(`/api/generations/${id}`, { method: "PATCH", body: JSON.stringify({ favorite }) })),
  remove: async (id: string): Promise<void> => void (await call(`/api/generations/${id}`, { method: "DELETE" })),
  /** The key makes a double click (or a resent request) one retry, not two. */
  retry: async (id: string, idempotencyKey: string): Promise<Generation[]> =>
    (await schemas()).createGenerationResponseSchema.parse(
      await call(`/api/generations/${id}/retry`, { method: "POST", body: JSON.stringify({ idempotencyKey }) }),
    ).generations,
  cancel: async (id: string): Promise<Generation> =>
    (await schemas()).generationSchema.parse(await call(`/api/generations/${id}/cancel`, { method: "POST" })),
  /** Stores one picture for later requests to name by its `ref_…` id (it crosses the network once). */
  uploadReference: async (file: Blob, name = "reference"): Promise<UploadedReference> => {
    const form = new FormData();
    form.append("file", file, name);
    return (await schemas()).uploadedReferenceSchema.parse(await call("/api/references", { method: "POST", body: form }));
  },
  /** A link checked when it is added: the studio fetches it, checks it is a picture and stores it as an upload. */
  addReferenceUrl: async (url: string): Promise<UploadedReference> =>
    (await schemas()).uploadedReferenceSchema.parse(await call("/api/references", { method: "POST", body: JSON.stringify({ url }) })),
};

// Accounts, admin and usage.

export type PatchUser = { role?: User["role"]; disabled?: boolean; dailyLimit?: number | null; maxActive?: number | null; monthlyBudget?: number | null; password?: string };
export type UsageParams = { from: string; to: string; groupBy: UsageQuery["groupBy"]; user?: string };

/** The query the JSON route and its CSV twin share. */
export function usageUrl(params: UsageParams, kind: "json" | "csv" = "json"): string {
  const search = new URLSearchParams({ from: params.from, to: params.to, groupBy: params.groupBy });
  if (params.user) search.set("user", params.user);
  return `/api/usage${kind === "csv" ? ".csv" : ""}?${search.toString()}`;
}

export const accountApi = {
  session: async (): Promise<SessionInfo> => (await schemas()).sessionInfoSchema.parse(await call("/api/session")),
  /** `everywhere`: every session of this person, on every device, and with `endTokens` their API tokens too. */
  signOut: async (everywhere = false, endTokens = true): Promise<void> =>
    void (await call(`/api/session${everywhere ? `?all=1&endTokens=${endTokens ? 1 : 0}` : ""}`, { method: "DELETE" })),
  changePassword: async (body: { currentPassword: string; newPassword: string; endTokens: boolean }): Promise<void> =>
    void (await call("/api/session/password", { method: "POST", body: JSON.stringify(body) })),
  acceptInvite: async (token: string, password: string): Promise<void> =>
    void (await call(`/api/invites/${encodeURIComponent(token)}`, { method: "POST", body: JSON.stringify({ password }) })),
};

export const adminApi = {
  usersUrl: "/api/admin/users",
  pricesUrl: "/api/admin/prices",
  users: async (url = "/api/admin/users") => (await schemas()).listUsersResponseSchema.parse(await call(url)),
  createUser: async (body: { name: string; role: User["role"]; password?: string }): Promise<User> =>
    (await schemas()).userSchema.parse(await call("/api/admin/users", { method: "POST", body: JSON.stringify(body) })),
  patchUser: async (id: string, patch: PatchUser): Promise<User> =>
    (await schemas()).userSchema.parse(await call(`/api/admin/users/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify(patch) })),
  invite: async (id: string) => (await schemas()).inviteResponseSchema.parse(await call(`/api/admin/users/${encodeURIComponent(id)}/invite`, { method: "POST" })),
  prices: async (url = "/api/admin/prices") => (await schemas()).pricesResponseSchema.parse(await call(url)),
  putPrices: async (prices: Record<string, number | null>) =>
    (await schemas()).pricesResponseSchema.parse(await call("/api/admin/prices", { method: "PUT", body: JSON.stringify({ prices }) })),
  settingsUrl: "/api/admin/settings",
  settings: async (url = "/api/admin/settings") => (await schemas()).studioSettingsSchema.parse(await call(url)),
  putSettings: async (settings: { tokenMaxDays: number }) =>
    (await schemas()).studioSettingsSchema.parse(await call("/api/admin/settings", { method: "PUT", body: JSON.stringify(settings) })),
  /** Ends every session of one person (and their tokens, with endTokens). */
  signOutPerson: async (id: string, endTokens: boolean) =>
    (await schemas()).signOutResultSchema.parse(
      await call(`/api/admin/users/${encodeURIComponent(id)}/sign-out`, { method: "POST", body: JSON.stringify({ endTokens }) }),
    ),
  /** Ends everyone's sessions but this one (and every token, with endTokens). */
  signOutEveryone: async (endTokens: boolean) =>
    (await schemas()).signOutResultSchema.parse(await call("/api/admin/sign-out-everyone", { method: "POST", body: JSON.stringify({ endTokens }) })),
};

// Personal API tokens.

export const tokensApi = {
  mineUrl: "/api/tokens",
  everyoneUrl: "/api/tokens?all=1",
  /** One page; the URL carries all, cursor and limit. */
  list: async (url: string) => (await schemas()).listTokensResponseSchema.parse(await call(url)),
  /** The answer carries the secret: the only time it is ever shown. */
  create: async (body: { name: string; expiresInDays: number | null }) =>
    (await schemas()).createdTokenSchema.parse(await call("/api/tokens", { method: "POST", body: JSON.stringify(body) })),
  revoke: async (id: string): Promise<void> => void (await call(`/api/tokens/${encodeURIComponent(id)}`, { method: "DELETE" })),
};

export const usageApi = {
  get: async (url: string): Promise<UsageResponse> => (await schemas()).usageResponseSchema.parse(await call(url)),
};

// Boards and share links.

export const boardsApi = {
  /** One page of GET /api/boards (its URL carries limit and cursor). */
  page: async (url: string): Promise<ListBoardsResponse> => (await schemas()).listBoardsResponseSchema.parse(await call(url)),
  create: async (body: { name: string; visibility: BoardVisibility }): Promise<Board> =>
    (await schemas()).boardSchema.parse(await call("/api/boards", { method: "POST", body: JSON.stringify(body) })),
  update: async (id: string, patch: { name?: string; visibility?: BoardVisibility }): Promise<Board> =>
    (await schemas()).boardSchema.parse(await call(`/api/boards/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify(patch) })),
  remove: async (id: string): Promise<void> => void (await call(`/api/boards/${encodeURIComponent(id)}`, { method: "DELETE" })),
  /** `changed`: how many were not on it before (or, removing, were on it). */
  addItems: async (id: string, generationIds: string[]): Promise<{ board: Board; changed: number }> =>
    (await schemas()).boardItemsResponseSchema.parse(
      await call(`/api/boards/${encodeURIComponent(id)}/items`, { method: "POST", body: JSON.stringify({ generationIds }) }),
    ),
  removeItems: async (id: string, generationIds: string[]): Promise<{ board: Board; changed: number }> =>
    (await schemas()).boardItemsResponseSchema.parse(
      await call(`/api/boards/${encodeURIComponent(id)}/items`, { method: "DELETE", body: JSON.stringify({ generationIds }) }),
    ),
};

export type ShareTarget = { generationId: string } | { boardId: string };

export const sharesApi = {
  url: "/api/shares",
  /** One page of GET /api/shares (its URL carries the filter, limit and cursor). */
  page: async (url: string): Promise<ListSharesResponse> => (await schemas()).listSharesResponseSchema.parse(await call(url)),
  /** What a link to the board made now would show and leave out. */
  preview: async (boardId: string): Promise<SharePreview> =>
    (await schemas()).sharePreviewSchema.parse(await call(`/api/shares/preview?boardId=${encodeURIComponent(boardId)}`)),
  /** The answer carries the link: the only time it is ever shown. */
  create: async (body: ShareTarget & { expiresInDays: number | null }): Promise<CreatedShare> =>
    (await schemas()).createdShareSchema.parse(await call("/api/shares", { method: "POST", body: JSON.stringify(body) })),
  revoke: async (id: string): Promise<void> => void (await call(`/api/shares/${encodeURIComponent(id)}`, { method: "DELETE" })),
};

// Edit threads.

/** GET /api/generations/{id}/versions: every version of the tree `id` belongs to (any of its live versions answers). */
export const getVersions = async (id: string): Promise<VersionsResponse> =>
  (await schemas()).versionsResponseSchema.parse(await call(`/api/generations/${encodeURIComponent(id)}/versions`));

// Templates (issue 24).

/** GET /api/templates and POST /api/templates (the answers as the studio sends them; typed, not parsed). */
export const templatesApi = {
  list: async (): Promise<ListTemplatesResponse> => (await call("/api/templates")) as ListTemplatesResponse,
  create: async (body: CreateTemplateRequest): Promise<Template> => (await call("/api/templates", { method: "POST", body: JSON.stringify(body) })) as Template,
};

// Bulk runs (issue 24).

export const runsApi = {
  /** GET /api/runs/{id}: its rows, batches and progress (a 404 ApiError for a run there is none of). */
  url: (id: string) => `/api/runs/${encodeURIComponent(id)}`,
  get: async (url: string): Promise<Run> => {
    // ./schemas first: zod-jitless must be set before any schema is built (zod 4 reads it then).
    await schemas();
    const { runSchema } = await import("@/lib/contract-runs");
    return runSchema.parse(await call(url));
  },
};
