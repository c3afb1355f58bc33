import "server-only";
import type { z } from "zod";
import * as contract from "@/lib/contract";
import * as templateContract from "@/lib/contract-templates";
import { ids, queries, type RequestSchemaName, type ResponseSchemaName } from "./schemas";

// The one hand-written part of the OpenAPI document: which routes exist, what
// each takes and answers, and who may call it. Every shape is a name from
// ./schemas (zod); lib/openapi/document.test.ts fails when a route file under
// app/api or app/v1 has a method this table lacks, or the other way round.

export type Method = "get" | "post" | "put" | "patch" | "delete";

/**
 * public: no identity; person: a session cookie or a token; browser: a
 * signed-in browser only (a token gets 403); admin: a browser, as
 * an admin; link: also a signed link.
 */
export type Access = "public" | "person" | "browser" | "admin" | "link";

export type Success = {
  description: string;
  /** A JSON body. */
  json?: ResponseSchemaName;
  /** Media types of a file answer (a picture, a CSV). */
  file?: readonly string[];
  headers?: readonly HeaderName[];
};

export type HeaderName = "Set-Cookie" | "Location" | "ETag" | "Cache-Control" | "Content-Disposition";

export type Operation = {
  method: Method;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: TagName;
  access: Access;
  params?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  /** Request headers the route reads, by name (each optional). */
  requestHeaders?: Record<string, z.ZodType>;
  /** json+form: JSON, or the same fields as an HTML form posts them (a browser download). */
  body?: {
    schema: RequestSchemaName;
    media: "json" | "multipart" | "json+form";
    optional?: boolean;
    /** A multipart route that also takes JSON (application/json) of this shape instead. */
    orJson?: RequestSchemaName;
  };
  ok: Record<number, Success>;
  /** Error statuses besides the ones access implies (401, 403). */
  errors: readonly number[];
};

export const TAGS = {
  Generations: "Pictures asked for: create, list, follow, star, cancel, retry, delete.",
  Pictures: "The studio's stored copies of results and reference images.",
  "OpenAI-compatible": "The OpenAI images API, so OpenAI clients (SDKs, Open WebUI, LobeHub) can use the studio. Errors in OpenAI's shape.",
  Boards: "Named collections of pictures, the team's or one's own; a picture can be on several. Deleting a board keeps its pictures.",
  Templates: "A prompt with {blanks}, the settings it runs with and stored references that come along; the team's or one's own, like boards. Anyone may copy one.",
  Sharing: "Public read-only links (/s/<token>) to a picture or a board, and ZIP downloads.",
  Tokens: "Personal API tokens for scripts and other tools: `Authorization: Bearer nst_…`.",
  Session: "Signing in and out, and who is signed in.",
  People: "Admins: accounts, roles, limits, invites and prices.",
  Usage: "Pictures, failures and spend by day, person or model.",
  "Prompt help": "Improve a prompt or describe a reference picture as one, with the chat model STUDIO_PROMPT_MODEL on the same gateway. Off (404) unless configured; on in demo mode.",
  Studio: "Health, liveness, and this description.",
} as const;
export type TagName = keyof typeof TAGS;

const json = (schema: ResponseSchemaName, description: string): Success => ({ description, json: schema });
const idempotencyKeyHeader = contract.openAiIdempotencyKeySchema.meta({
  description:
    "Any unique string (a UUID). The same key with the same request within 24 hours, from the same person, answers what the first request answers, waiting for its pictures if they are still being made; requests sent at once with one key make one batch. The same key with a different request is 422 (idempotency_key_reused).",
});
const noContent = (description: string): Success => ({ description });
const PICTURE_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;

export const operations: Operation[] = [
  // Generations
  { method: "post", path: "/api/generations", operationId: "createGenerations", summary: "Create generations", tag: "Generations", access: "person",
    description:
      "Starts 1 to 4 pictures from one prompt and returns at once; follow them with GET /api/generations/{id} (or the list with status=active). " +
      "Past the person's in-flight limit (maxActive) the request is queued, not refused: the pictures that do not fit come back with status waiting and a position (behind any already waiting), nothing sent or billed until the studio submits them in order as slots free; they count in the day's allowance and their price is reserved in the month's budget, checked again when each is sent. " +
      "429 rate_limited when the person's queue (STUDIO_MAX_QUEUED, default 20) is full (the message says so); 429 quota_exceeded for the daily limit or the budget.",
    body: { schema: "CreateGenerationRequest", media: "json" }, ok: { 201: json("GenerationsCreated", "The new generations: sent, or waiting for a slot") }, errors: [400, 413, 429, 502, 503] },
  { method: "get", path: "/api/generations", operationId: "listGenerations", summary: "List generations", tag: "Generations", access: "person",
    description:
      "The team gallery, newest first, in cursor pages. " +
      "Every answer carries an ETag (per caller and query string); asked again with it in If-None-Match, the answer is 304 with no body while nothing the list could show has changed for the caller (anyone's new, changed or deleted picture, the caller's stars, a board's pictures), which is how an open gallery checks for teammates' pictures cheaply. A tag made within 2 s of the newest change never validates: the next request gets the list.",
    query: contract.listGenerationsQuerySchema,
    ok: { 200: { ...json("GenerationPage", "A page of generations"), headers: ["ETag"] }, 304: noContent("Not modified (If-None-Match): nothing the list shows has changed") },
    errors: [400] },
  { method: "get", path: "/api/generations/ids", operationId: "listGenerationIds", summary: "Ids of every matching generation", tag: "Generations", access: "person",
    description:
      "Every generation the list's filters match (the same parameters as GET /api/generations, and what the list shows the caller: their own stars, their own pictures, a private board only its owner's), newest first: up to limit ids after cursor, and total, how many match in all. For acting on all of them (“select all N matching”): board items, a ZIP and deletes take their own limits per request.",
    query: contract.generationIdsQuerySchema, ok: { 200: json("GenerationIds", "The ids and how many match") }, errors: [400, 404] },
  { method: "get", path: "/api/generations/{id}", operationId: "getGeneration", summary: "Get a generation", tag: "Generations", access: "person",
    params: { id: ids.generation }, ok: { 200: json("Generation", "The generation: status, progress, then its image") }, errors: [404] },
  { method: "patch", path: "/api/generations/{id}", operationId: "starGeneration", summary: "Star or unstar a generation", tag: "Generations", access: "person",
    params: { id: ids.generation }, body: { schema: "PatchGenerationRequest", media: "json" }, ok: { 200: json("Generation", "The generation") }, errors: [400, 404] },
  { method: "delete", path: "/api/generations/{id}", operationId: "deleteGeneration", summary: "Delete a generation", tag: "Generations", access: "person",
    description: "The row and its stored files go, in any state. Only its creator or an admin may. It still counts for the day's allowance and the month's budget (a waiting one, never sent, counts for neither and holds no slot); one deleted in flight (the gateway goes on with it, and the studio can no longer ask about it) keeps its place among the person's pictures in flight until it would have timed out (its createdAt plus STUDIO_TASK_TIMEOUT_MS).",
    params: { id: ids.generation }, ok: { 204: noContent("Deleted") }, errors: [404] },
  { method: "post", path: "/api/generations/{id}/cancel", operationId: "cancelGeneration", summary: "Cancel a generation", tag: "Generations", access: "person",
    description:
      "Only its creator or an admin (403 for others). A waiting generation (never sent) ends at once, failed with code cancelled_waiting, free: it leaves the person's queue and the day's allowance. Otherwise the gateway has no cancel and bills the task anyway, so the generation stays active with cancelledAt set: it keeps its place among the person's pictures in flight and its cost (day, month, usage), and is polled until the gateway ends it. A picture that still arrives is kept (completed, cancelledAt set); a task the gateway fails ends failed, its message starting with Cancelled. A generation being saved (saving set: the picture exists) or already finished cannot be cancelled (400). Cancelling twice answers the generation as it is.",
    params: { id: ids.generation }, ok: { 200: json("Generation", "The generation, cancelledAt set") }, errors: [400, 404] },
  { method: "get", path: "/api/generations/{id}/versions", operationId: "listVersions", summary: "List a picture's versions", tag: "Generations", access: "person",
    description:
      "The edit thread of any version: every version of its tree (originals and the edits made with parentId), each a Generation with its children's ids. The path from the original to the newest finished version comes first, then the other versions oldest first. A deleted version with versions below it stands in its place as { id, deleted: true, parentId, children }. Read in two range queries whatever the tree's size. A deleted or unknown id is 404.",
    params: { id: ids.generation }, ok: { 200: json("VersionsResponse", "The tree") }, errors: [404] },
  { method: "post", path: "/api/generations/{id}/retry", operationId: "retryGeneration", summary: "Retry a generation", tag: "Generations", access: "person",
    description:
      "A new generation with the same settings and stored references, for a failed one. Only its creator or an admin (403 for others): it reuses the creator's uploaded references. It takes the failed one's place: the same batchId, an id that sorts where the failed one's did (the failed id with a 0 added), and the failed one leaves the listings as a delete would (its cost stays counted). A generation already replaced by its retry is 404; the same idempotency key answers the same retry.",
    params: { id: ids.generation }, body: { schema: "RetryGenerationRequest", media: "json", optional: true },
    ok: { 201: json("GenerationsCreated", "The new generation") }, errors: [400, 404, 429, 502, 503] },

  // Pictures
  { method: "get", path: "/api/images/{id}", operationId: "getImage", summary: "Download a picture", tag: "Pictures", access: "link",
    description: "The studio's stored copy, never a redirect to the gateway. With exp and sig (the links of response_format url) no cookie or token is needed; a link that has expired or does not check out is 403.",
    params: { id: ids.generation }, query: contract.imageQuerySchema,
    ok: { 200: { description: "The picture", file: PICTURE_TYPES, headers: ["ETag", "Cache-Control", "Content-Disposition"] }, 304: noContent("Not modified (If-None-Match)") },
    errors: [400, 404] },
  { method: "post", path: "/api/references", operationId: "uploadReference", summary: "Upload a reference image", tag: "Pictures", access: "person",
    description:
      "Upload once, then name it by id in references, so a big picture crosses the network once. An upload no generation uses is removed after a day. Counts against the person's daily upload allowance (STUDIO_UPLOAD_BYTES_PER_DAY), as do the data URLs and links a generation request stores: past it, 429 quota_exceeded with Retry-After until midnight UTC. " +
      "Or JSON { url }: the studio fetches the link (public addresses only, on every redirect; at most 7 MB within 15 s), checks that it decodes as a PNG, JPEG or WebP and stores it as an upload of the caller's, answered the same way, so a link is checked when it is added rather than at Generate; a link that is private, unreachable or not a picture is a 400 naming url, and nothing is stored.",
    body: { schema: "ReferenceUpload", media: "multipart", orJson: "ReferenceUrlRequest" }, ok: { 201: json("UploadedReference", "The stored reference") }, errors: [400, 413, 429] },
  { method: "get", path: "/api/references/{id}", operationId: "getReference", summary: "Download a reference image", tag: "Pictures", access: "person",
    description:
      "For the person who uploaded it and admins; for anyone when a completed picture uses it (the viewer shows a finished picture's references to the team). The references of a picture that was not made are 403 for others.",
    params: { id: ids.reference }, query: queries.referenceFile,
    ok: { 200: { description: "The reference image", file: PICTURE_TYPES, headers: ["ETag", "Cache-Control", "Content-Disposition"] }, 304: noContent("Not modified (If-None-Match)") },
    errors: [404] },

  // OpenAI-compatible
  { method: "get", path: "/v1/models", operationId: "listModels", summary: "List models", tag: "OpenAI-compatible", access: "person",
    ok: { 200: json("OpenAIModelList", "The studio's models") }, errors: [] },
  { method: "post", path: "/v1/images/generations", operationId: "createImages", summary: "Create images", tag: "OpenAI-compatible", access: "person",
    description: "Text to image in OpenAI's shape. The request waits until the pictures are done (up to STUDIO_SYNC_WAIT_MS, default 300 s); a client that disconnects loses nothing: the pictures still complete into the gallery. Send an Idempotency-Key so that a retry (after a proxy's timeout, say) gets the same pictures instead of a second paid batch.",
    requestHeaders: { "Idempotency-Key": idempotencyKeyHeader },
    body: { schema: "OpenAIImageRequest", media: "json" }, ok: { 200: json("OpenAIImages", "The pictures: b64_json, or url with response_format url") },
    errors: [400, 413, 422, 429, 502, 503, 504] },
  { method: "post", path: "/v1/images/edits", operationId: "editImages", summary: "Create images from pictures", tag: "OpenAI-compatible", access: "person",
    description: "Image to image in OpenAI's shape: multipart with the pictures in image or image[] and the other fields as form fields. Waits like /v1/images/generations, and takes an Idempotency-Key the same way (the pictures' bytes are part of the request it stands for). Read as a stream: a picture over 7 MB, a field over 64 KB or a body over the limit is 413 as soon as it passes it.",
    requestHeaders: { "Idempotency-Key": idempotencyKeyHeader },
    body: { schema: "OpenAIImageEditRequest", media: "multipart" }, ok: { 200: json("OpenAIImages", "The pictures") }, errors: [400, 413, 422, 429, 502, 503, 504] },

  // Boards
  { method: "get", path: "/api/boards", operationId: "listBoards", summary: "List boards", tag: "Boards", access: "person",
    description: "Every team board and the caller's private ones, by name, with counts and a cover, a page at a time (limit, default 50, at most 200; cursor: the previous page's nextCursor, opaque; nextCursor null on the last page). List a board's pictures with GET /api/generations?board=ID.",
    query: contract.listBoardsQuerySchema, ok: { 200: json("BoardList", "A page of boards") }, errors: [400] },
  { method: "post", path: "/api/boards", operationId: "createBoard", summary: "Create a board", tag: "Boards", access: "person",
    description: "A person owns at most STUDIO_MAX_BOARDS boards (default 500); past it 429 quota_exceeded naming the cap, and nothing is made.",
    body: { schema: "CreateBoardRequest", media: "json" }, ok: { 201: json("Board", "The new board") }, errors: [400, 429] },
  { method: "get", path: "/api/boards/{id}", operationId: "getBoard", summary: "Get a board", tag: "Boards", access: "person",
    description: "Someone else's private board is 404, like a missing one.",
    params: { id: ids.board }, ok: { 200: json("Board", "The board") }, errors: [404] },
  { method: "patch", path: "/api/boards/{id}", operationId: "updateBoard", summary: "Rename a board or change who sees it", tag: "Boards", access: "person",
    description: "Its owner, or an admin for a team board. Only the owner makes a board private.",
    params: { id: ids.board }, body: { schema: "PatchBoardRequest", media: "json" }, ok: { 200: json("Board", "The board") }, errors: [400, 404] },
  { method: "delete", path: "/api/boards/{id}", operationId: "deleteBoard", summary: "Delete a board", tag: "Boards", access: "person",
    description: "The board and its share links go; every picture on it stays. Its owner, or an admin for a team board.",
    params: { id: ids.board }, ok: { 204: noContent("Deleted") }, errors: [404] },
  { method: "post", path: "/api/boards/{id}/items", operationId: "addToBoard", summary: "Put pictures on a board", tag: "Boards", access: "person",
    description: "Anyone who sees the board. All or nothing: one unknown id is a 404 naming it, and nothing is added. Pictures already on it are no error.",
    params: { id: ids.board }, body: { schema: "BoardItemsRequest", media: "json" }, ok: { 200: json("BoardItemsChanged", "The board and how many were added") }, errors: [400, 404] },
  { method: "delete", path: "/api/boards/{id}/items", operationId: "removeFromBoard", summary: "Take pictures off a board", tag: "Boards", access: "person",
    description: "The pictures stay in the gallery.",
    params: { id: ids.board }, body: { schema: "BoardItemsRequest", media: "json" }, ok: { 200: json("BoardItemsChanged", "The board and how many were removed") }, errors: [400, 404] },

  // Templates
  { method: "get", path: "/api/templates", operationId: "listTemplates", summary: "List templates", tag: "Templates", access: "person",
    description: "Every team template and the caller's private ones, by name. variables: the prompt's {blanks} (letters, digits and _ of any script), in order of first appearance.",
    ok: { 200: json("TemplateList", "The templates") }, errors: [] },
  { method: "post", path: "/api/templates", operationId: "createTemplate", summary: "Create a template", tag: "Templates", access: "person",
    description: "name 1 to 100 characters; prompt, model, aspectRatio, imageSize and count as for POST /api/generations; references: at most 5 ref_… ids of the caller's stored uploads (a picture or a link is uploaded first with POST /api/references), or ones a template the caller sees carries or a finished picture was made with (Save as template from a teammate's picture). A copy of another template is a POST with its fields. A template's references are kept from the pruning of unused uploads while it carries them.",
    body: { schema: "CreateTemplateRequest", media: "json" }, ok: { 201: json("Template", "The new template") }, errors: [400] },
  { method: "get", path: "/api/templates/{id}", operationId: "getTemplate", summary: "Get a template", tag: "Templates", access: "person",
    description: "Someone else's private template is 404, like a missing one (admins too).",
    params: { id: templateContract.templateIdSchema }, ok: { 200: json("Template", "The template") }, errors: [404] },
  { method: "patch", path: "/api/templates/{id}", operationId: "updateTemplate", summary: "Change a template", tag: "Templates", access: "person",
    description: "Any of the fields of POST /api/templates, at least one. Its owner, or an admin for a team template (403 for anyone else who sees it). Only the owner makes a template private.",
    params: { id: templateContract.templateIdSchema }, body: { schema: "PatchTemplateRequest", media: "json" }, ok: { 200: json("Template", "The template") }, errors: [400, 404] },
  { method: "delete", path: "/api/templates/{id}", operationId: "deleteTemplate", summary: "Delete a template", tag: "Templates", access: "person",
    description: "Its owner, or an admin for a team template. Pictures made with it stay.",
    params: { id: templateContract.templateIdSchema }, ok: { 204: noContent("Deleted") }, errors: [404] },

  // Bulk runs
  { method: "post", path: "/api/runs", operationId: "createRun", summary: "Run a template from a table", tag: "Templates", access: "person",
    description: "A template the caller sees (someone else's private one: 404), run once per row: table is CSV or tab-separated text as a spreadsheet copies it, its first row naming the template's blanks (or rows: each row's values by blank). At most 100 rows; every mistake is a 400 whose issues name the row and column (rows numbered as a spreadsheet numbers them, the header being row 1): an unknown or missing column, an empty value, a row longer than the header, an unclosed quote. With dryRun: true, 200 and a preview: every prompt, the pictures (rows × the template's count), their price as the composer's quote prices them, and what the run leaves of today's allowance, the places in flight and in the queue, and the month's budget (negative: by how much it does not fit; refusal says so in words); nothing is stored or sent. Without: 201 and the run's id and one batch per row, checked against the caller's limits in the insert's transaction for the whole run: a run that does not fit is 429 naming the limit and by how much, and nothing is stored or sent. idempotencyKey: the same key with the same template and rows answers the same run (24 h); with other rows, 422.",
    body: { schema: "CreateRunRequest", media: "json" }, ok: { 200: json("RunPreview", "The preview (dryRun)"), 201: json("CreatedRun", "The run and its batches") }, errors: [400, 404, 413, 422, 429] },
  { method: "get", path: "/api/runs/{id}", operationId: "getRun", summary: "Get a run and its progress", tag: "Templates", access: "person",
    description: "Any member (every member sees every picture): each row's values, the batch each row made, and its live pictures counted done, failed and active. templateName is null when the template is gone or is someone else's private one. GET /api/generations?run=ID lists its pictures; POST /api/downloads { runId } is its ZIP.",
    params: { id: ids.run }, ok: { 200: json("Run", "The run") }, errors: [404] },

  // Sharing
  { method: "post", path: "/api/shares", operationId: "createShare", summary: "Share a picture or a board", tag: "Sharing", access: "person",
    description: "A public, read-only link /s/<token> (256 random bits; the studio keeps only a hash, so the link is in this answer only). A picture: its creator or an admin; a board: its owner or an admin. A link never shows a picture its maker could not share alone: a member's board link shows only the pictures of the board that member made, an admin's all of them, decided from the maker's role each time the link is opened. hiddenPictures: the board's finished pictures this link leaves out. A person has at most STUDIO_MAX_SHARE_LINKS unexpired links (default 200); past it 429 quota_exceeded naming the cap, nothing made.",
    body: { schema: "CreateShareRequest", media: "json" }, ok: { 201: json("CreatedShare", "The share with its link") }, errors: [400, 404, 429] },
  { method: "get", path: "/api/shares/preview", operationId: "previewBoardShare", summary: "What a board link would show", tag: "Sharing", access: "person",
    description: "Before making a link to a board: how many finished pictures it would show and how many by others it leaves out. Whoever may share the board (its owner, or an admin for a team board); a team board one only sees is 403, someone else's private board 404.",
    query: contract.sharePreviewQuerySchema, ok: { 200: json("SharePreview", "Pictures shown and left out") }, errors: [400, 404] },
  { method: "get", path: "/api/shares", operationId: "listShares", summary: "List share links", tag: "Sharing", access: "person",
    description: "Share links (without the link itself), newest first, a page at a time (limit, default 50, at most 200; cursor: the previous page's nextCursor). By default the caller's own; all=1 everyone's (admins only, else 403); showing=mine the unexpired links, whoever made them, that show a picture the caller made (a link to one of their pictures, or a link to a board holding one made by themselves or by an admin), each of which the caller may revoke. generationId or boardId narrows to one picture or board.",
    query: contract.listSharesQuerySchema, ok: { 200: json("ShareList", "A page of share links") }, errors: [400] },
  { method: "delete", path: "/api/shares/{id}", operationId: "revokeShare", summary: "Revoke a share link", tag: "Sharing", access: "person",
    description: "The link is dead at once (404). One's own, anyone's for an admin, or one that shows a picture the caller made (see GET /api/shares?showing=mine). Any other link is 404, like a missing one, and nothing changes.",
    params: { id: ids.share }, ok: { 204: noContent("Revoked") }, errors: [404] },
  { method: "post", path: "/api/downloads", operationId: "downloadZip", summary: "Download pictures as a ZIP", tag: "Sharing", access: "person",
    description: "Up to 200 finished pictures (generationIds), or a bulk run's finished pictures in its table's order (runId), streamed as they are read (never built in memory): the originals with readable names, and metadata.json with each one's prompt, model, ratio, size, references, creator and dates, and for a run's picture its runId, templateId and its row's values.",
    body: { schema: "DownloadRequest", media: "json+form" },
    ok: { 200: { description: "The ZIP", file: ["application/zip"], headers: ["Content-Disposition", "Cache-Control"] } }, errors: [400, 404, 413] },

  // Tokens
  { method: "post", path: "/api/tokens", operationId: "createToken", summary: "Create a token", tag: "Tokens", access: "browser",
    description: "From a signed-in browser only (a token gets 403). The secret is in this answer only; the studio stores its hash. No expiry, or one past the admins' maximum (GET /api/admin/settings, 365 days unless changed), gets the maximum. At most STUDIO_MAX_TOKENS (50) per person, expired ones included until revoked: past it, 429.",
    body: { schema: "CreateTokenRequest", media: "json" }, ok: { 201: json("CreatedToken", "The token with its secret") }, errors: [400, 429] },
  { method: "get", path: "/api/tokens", operationId: "listTokens", summary: "List tokens", tag: "Tokens", access: "browser",
    description: "The caller's tokens without secrets, with their last use, newest first in cursor pages; admins may ask for everyone's. expiresAt is when the token stops working, the admins' maximum included.",
    query: contract.listTokensQuerySchema, ok: { 200: json("TokenList", "A page of tokens") }, errors: [400] },
  { method: "delete", path: "/api/tokens/{id}", operationId: "revokeToken", summary: "Revoke a token", tag: "Tokens", access: "browser",
    description: "It stops working at once. One's own, or anyone's for an admin; from a signed-in browser (a token cannot revoke, itself included).",
    params: { id: ids.token }, ok: { 204: noContent("Revoked") }, errors: [404] },

  // Session
  { method: "post", path: "/api/session", operationId: "signIn", summary: "Sign in", tag: "Session", access: "public",
    description: "With STUDIO_AUTH=password (the team's password) or accounts (one's own). Wrong passwords are counted per account at the client's address (IPv6: its /64) and per address (STUDIO_SIGNIN_*); past either, 429 with Retry-After, right password or not. A browser that signed in as the account before sends its device cookie (studio_device_…, set here, Path=/api/session, a year): its attempts are counted per account and device instead (the per-account limit), so guesses from its address at other names do not lock it out.",
    body: { schema: "SignInRequest", media: "json" }, ok: { 204: { description: "Signed in: the session cookie, then a fresh device cookie for the account", headers: ["Set-Cookie"] } },
    errors: [400, 401, 403, 429] },
  { method: "get", path: "/api/session", operationId: "getSession", summary: "Who is signed in", tag: "Session", access: "browser",
    description:
      "limits: what is used and left today, in flight (active, waiting, maxQueued) and this month; quote: every price key (a model id, or model-SIZE for a model that offers sizes) with the price in force, null where none is set, so a client prices a request as the budget check does (lib/pricing.ts priceOf: model-SIZE, else the model); resetsAt: when the daily limit (next midnight UTC) and the monthly budget (the 1st of next month, UTC; null without a budget) start afresh. The in-flight cap has no reset time.",
    ok: { 200: json("SessionInfo", "The person, their role and what is left today and this month") }, errors: [] },
  { method: "delete", path: "/api/session", operationId: "signOut", summary: "Sign out", tag: "Session", access: "public",
    description: "This session; with all=1 every session of the person and, unless endTokens=0, every API token of theirs (all=1 needs a signed-in browser: a token gets 403).",
    query: contract.signOutQuerySchema, ok: { 204: { description: "Signed out: the cookie is cleared", headers: ["Set-Cookie"] } }, errors: [400, 401, 403] },
  { method: "post", path: "/api/session/password", operationId: "changePassword", summary: "Change one's password", tag: "Session", access: "browser",
    description: "Accounts mode. Every other session of the person ends, and every API token unless endTokens is false; this one gets a fresh cookie. A wrong current password is 403 and counts with wrong sign-ins for the account at this address, or with the browser's device cookie for the account, for that device (429 past the limit).",
    body: { schema: "ChangePasswordRequest", media: "json" }, ok: { 204: { description: "Changed", headers: ["Set-Cookie"] } }, errors: [400, 403, 429] },
  { method: "get", path: "/api/auth/oidc/start", operationId: "oidcStart", summary: "Sign in with OpenID Connect", tag: "Session", access: "public",
    description: "STUDIO_AUTH=oidc: off to the provider (authorization code with PKCE, state and nonce).",
    query: queries.oidcStart, ok: { 302: { description: "To the provider's sign-in", headers: ["Location", "Set-Cookie"] } }, errors: [400] },
  { method: "get", path: "/api/auth/oidc/callback", operationId: "oidcCallback", summary: "OpenID Connect callback", tag: "Session", access: "public",
    description: "Where the provider sends the person back: home signed in, or /sign-in?error=oidc_failed|disabled.",
    query: queries.oidcCallback, ok: { 302: { description: "Home, or the sign-in page with the reason", headers: ["Location", "Set-Cookie"] } }, errors: [] },
  { method: "post", path: "/api/invites/{token}", operationId: "acceptInvite", summary: "Accept an invite", tag: "Session", access: "public",
    description: "Sets the invited person's password (once) and signs them in: the session cookie and a device cookie, as at sign-in.",
    params: { token: ids.invite }, body: { schema: "AcceptInviteRequest", media: "json" },
    ok: { 204: { description: "Signed in", headers: ["Set-Cookie"] } }, errors: [400, 404] },

  // People (admins)
  { method: "get", path: "/api/admin/users", operationId: "listPeople", summary: "List people", tag: "People", access: "admin",
    ok: { 200: json("UserList", "Everyone with an account, this month's pictures and spend, and the studio's default limits") }, errors: [] },
  { method: "post", path: "/api/admin/users", operationId: "addPerson", summary: "Add a person", tag: "People", access: "admin",
    description: "With a password, or without one to send an invite next.",
    body: { schema: "CreateUserRequest", media: "json" }, ok: { 201: json("User", "The new account") }, errors: [400] },
  { method: "patch", path: "/api/admin/users/{id}", operationId: "changePerson", summary: "Change a person", tag: "People", access: "admin",
    description: "Role, disabled, limits (null: the studio's) or a new password. A new password ends the person's sessions and revokes their tokens; disabling revokes the tokens and ends each session at its next request (403). A role given here is the studio's: STUDIO_ADMINS (header and password modes) leaves it alone, and a name on that list cannot be made a member here (400). The last admin stays an admin.",
    params: { id: ids.user }, body: { schema: "PatchUserRequest", media: "json" }, ok: { 200: json("User", "The account") }, errors: [400, 404] },
  { method: "post", path: "/api/admin/users/{id}/invite", operationId: "invitePerson", summary: "Make an invite link", tag: "People", access: "admin",
    description: "A one-time link (7 days) for the person to set a password; shown in this answer only.",
    params: { id: ids.user }, ok: { 201: json("Invite", "The link") }, errors: [400, 404] },
  { method: "post", path: "/api/admin/users/{id}/sign-out", operationId: "signOutPerson", summary: "Sign a person out everywhere", tag: "People", access: "admin",
    description: "Ends every session of the person and, unless endTokens is false, revokes their API tokens.",
    params: { id: ids.user }, body: { schema: "AdminSignOutRequest", media: "json", optional: true }, ok: { 200: json("SignOutResult", "How many sessions ended and tokens were revoked") }, errors: [400, 404] },
  { method: "post", path: "/api/admin/sign-out-everyone", operationId: "signOutEveryone", summary: "Sign everyone out", tag: "People", access: "admin",
    description: "Ends every session but the calling admin's own and, unless endTokens is false, revokes every API token (the admin's too).",
    body: { schema: "AdminSignOutRequest", media: "json", optional: true }, ok: { 200: json("SignOutResult", "How many sessions ended and tokens were revoked") }, errors: [400] },
  { method: "get", path: "/api/admin/settings", operationId: "getStudioSettings", summary: "Studio settings", tag: "People", access: "admin",
    ok: { 200: json("StudioSettings", "What admins set in the studio") }, errors: [] },
  { method: "put", path: "/api/admin/settings", operationId: "setStudioSettings", summary: "Change studio settings", tag: "People", access: "admin",
    description: "tokenMaxDays: the longest an API token lives. Lowering it shortens existing tokens from the next request (a token ends at its creation plus the maximum, or its own expiry if sooner).",
    body: { schema: "PutStudioSettingsRequest", media: "json" }, ok: { 200: json("StudioSettings", "The settings in force") }, errors: [400] },
  { method: "get", path: "/api/admin/prices", operationId: "getPrices", summary: "Prices", tag: "People", access: "admin",
    ok: { 200: json("Prices", "Prices in force and where each comes from") }, errors: [] },
  { method: "put", path: "/api/admin/prices", operationId: "setPrices", summary: "Set prices", tag: "People", access: "admin",
    body: { schema: "PutPricesRequest", media: "json" }, ok: { 200: json("Prices", "Prices in force") }, errors: [400] },

  // Usage
  { method: "get", path: "/api/usage", operationId: "getUsage", summary: "Usage", tag: "Usage", access: "person",
    description: "Members see their own rows, admins everyone's. A completed picture costs its model's price; a failed one costs nothing.",
    query: contract.usageQuerySchema, ok: { 200: json("UsageReport", "Rows and totals") }, errors: [400] },
  { method: "get", path: "/api/usage.csv", operationId: "getUsageCsv", summary: "Usage as CSV", tag: "Usage", access: "person",
    query: contract.usageQuerySchema, ok: { 200: { description: "The same report as a CSV download", file: ["text/csv"], headers: ["Content-Disposition"] } },
    errors: [400] },

  // Prompt help
  { method: "post", path: "/api/prompt/improve", operationId: "improvePrompt", summary: "Improve a prompt", tag: "Prompt help", access: "person",
    description: "The prompt rewritten for an image model by STUDIO_PROMPT_MODEL, in the language it was written in: a suggestion only, nothing is changed. 404 when no prompt model is configured; STUDIO_PROMPT_HELP_PER_DAY calls per person a UTC day (Improve and Describe together), past it 429 quota_exceeded (limit promptHelpPerDay) until midnight UTC; 502 naming the gateway's trouble (an error, a timeout, an empty answer).",
    body: { schema: "ImprovePromptRequest", media: "json" }, ok: { 200: json("PromptSuggestion", "The suggested prompt") }, errors: [400, 404, 429, 502] },
  { method: "post", path: "/api/prompt/describe", operationId: "describeReference", summary: "Describe a reference picture as a prompt", tag: "Prompt help", access: "person",
    description: "A prompt that would make a picture like the reference (a data URL, the caller's uploaded ref_… id, or an http(s) link fetched once), in locale's language (en or zh). Nothing is stored. 404, 429 and 502 as for Improve.",
    body: { schema: "DescribeReferenceRequest", media: "json" }, ok: { 200: json("PromptSuggestion", "The suggested prompt") }, errors: [400, 404, 413, 429, 502] },

  // Studio
  { method: "get", path: "/api/health", operationId: "getHealth", summary: "Health", tag: "Studio", access: "public",
    description: "Each backend is asked for real; no secret in the answer.",
    ok: { 200: json("Health", "Everything answers"), 503: json("Health", "A backend does not answer (checks says which)") }, errors: [] },
  { method: "get", path: "/api/ping", operationId: "ping", summary: "Liveness", tag: "Studio", access: "public",
    description: "Touches nothing (no database, no auth): for load balancers.", ok: { 200: json("Ping", "Alive") }, errors: [] },
  { method: "get", path: "/api/openapi.json", operationId: "getOpenApiDocument", summary: "This API description", tag: "Studio", access: "public",
    description: "OpenAPI 3.1, generated from the zod schemas of lib/contract.ts. /docs/api shows it.", ok: { 200: json("OpenAPIDocument", "The document") }, errors: [] },
];
