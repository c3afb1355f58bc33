import "server-only";
import type { z } from "zod";
import * as contract from "@/lib/contract";
import { MAX_PROMPT_LENGTH, MAX_REFERENCES } from "@/lib/models";

// Descriptions for fields of lib/contract.ts, from shared/docs/studio-api.md,
// added to the generated JSON Schema (the `override` hook of z.toJSONSchema)
// rather than written into the contract: the contract stays what the routes
// parse with, and a description never changes what is accepted. What zod's
// JSON Schema cannot say (a refinement) is said here in words.

const g = contract.createGenerationSchema.shape;
const o = contract.openAiImageRequestSchema.shape;
const q = contract.listGenerationsQuerySchema.shape;
const u = contract.usageQuerySchema.shape;

const entries: [z.ZodType, string][] = [
  [g.model, "A model of the catalog (lib/models.ts)."],
  [g.prompt, `1 to ${MAX_PROMPT_LENGTH} characters after trimming; control characters and text that is only invisible characters are refused.`],
  [g.aspectRatio, "The picture's aspect ratio; auto lets the model choose."],
  [g.imageSize, "Models whose name fixes the size (nano_banana_pro-2K…) ignore it."],
  [
    g.references,
    `0 to ${MAX_REFERENCES} reference images. None: text to image; some: image to image.`,
  ],
  [
    contract.referenceInputSchema,
    "A data:image/(png|jpeg|webp);base64 URL that decodes to a real picture, the ref_… id of a picture uploaded with POST /api/references, or an http(s) URL without credentials.",
  ],
  [g.count, "1 to 4 pictures from the same settings (one gateway task each)."],
  [g.idempotencyKey, "The same key within 24 hours returns the same generations instead of submitting again, so a double click never bills twice."],
  [contract.retryGenerationSchema.shape.idempotencyKey, "Concurrent retries of one generation with the same key (or none) make one."],
  [
    contract.generationSchema.shape.status,
    "waiting, submitting, queued and processing are active; completed and failed are final. waiting: past the person's in-flight limit the picture waits its turn on the studio's side (nothing sent, nothing billed) and is submitted, in order, when one of their slots frees.",
  ],
  [
    contract.generationSchema.shape.position,
    "A waiting generation's place in its person's queue: 1 is sent next. Null when not waiting.",
  ],
  [contract.generationSchema.shape.progress, "Percent, as the gateway reports it."],
  [
    contract.generationSchema.shape.error,
    "Why it failed, in words for a person; it starts with Cancelled when the creator had cancelled it. Code not_sent or submit_…: the gateway never took the request, so it costs nothing (not_sent also when a waiting picture no longer fit the budget when its turn came); cancelled_waiting: cancelled while waiting, free; any other failure was billed (cancelled, timed out, lost, not copied, unknown_outcome). Code cancelled: a generation cancelled before cancels kept polling.",
  ],
  [
    contract.generationSchema.shape.cancelledAt,
    "When its creator or an admin cancelled it. The gateway has no cancel: the generation stays active (and billed) until the gateway ends it; a picture that arrives is kept.",
  ],
  [contract.generationSchema.shape.image, "The studio's stored copy, once completed: url is the original, thumbUrl a WebP of at most 512 px, previewUrl one of at most 1024 px (made on first request)."],
  [contract.generationSchema.shape.favorite, "Starred by the caller (stars are each person's own)."],
  [
    contract.generationSchema.shape.saving,
    "Set while the gateway has finished the picture and the studio is still copying it (a slow CDN, storage down): the generation stays active.",
  ],
  [
    contract.generationSchema.shape.unansweredSince,
    "While active: since when the gateway's status API has not answered for it (null once it answers). Silence never times a task out; it is asked again with backoff for as long as its result could still be fetched (the task timeout, the result URL's 2 hours, then 30 minutes of /content), then ends failed with code unknown_outcome (counted as spent).",
  ],
  [q.status, "active: waiting, submitting, queued or processing."],
  [q.q, "Words the prompt contains, every one, in any order (split on whitespace; case-insensitive; Chinese and other text without spaces matched by characters; quotes, % and other signs are matched as typed)."],
  [q.favorite, "1: only the caller's starred pictures."],
  [q.mine, "1: only the caller's own pictures."],
  [q.cursor, "nextCursor of the previous page."],
  [q.limit, "Page size, at most 100."],
  [contract.generationIdsQuerySchema.shape.limit, `At most this many ids (1 to ${contract.MAX_MATCHING_IDS}, the default); total counts them all.`],
  [contract.imageQuerySchema.shape.variant, "full: the original bytes; thumb: a WebP of at most 512 px on the long side; preview: a WebP of at most 1024 px, made from the original on first request."],
  [contract.imageQuerySchema.shape.download, "1: add a Content-Disposition with a readable file name."],
  [contract.imageQuerySchema.shape.exp, "Signed links only (response_format url): when the link stops working, in Unix seconds."],
  [contract.imageQuerySchema.shape.sig, "Signed links only: the studio's signature over the picture and exp."],
  [u.from, "First day, YYYY-MM-DD (UTC); default 30 days before to."],
  [u.to, "Last day, inclusive, YYYY-MM-DD (UTC); default today."],
  [u.groupBy, "Rows by day, by person or by model."],
  [u.user, "Admins: one person's usage (a name). Members always see their own."],
  [contract.usageResponseSchema.shape.total.shape.failed, "Every failed generation, whether the gateway took it or not."],
  [contract.usageResponseSchema.shape.total.shape.failedCharged, "Failed generations the gateway had taken (cancelled, timed out, lost, not copied, unknown outcome): billed, so in cost."],
  [contract.usageResponseSchema.shape.total.shape.inFlight, "Generations still active: about to be billed, so in cost and in the monthly budget."],
  [contract.usageResponseSchema.shape.total.shape.cost, "Completed + in flight + charged failures, each at its model's (and size's) price; requests the gateway refused or never got are free."],
  [contract.createTokenSchema.shape.name, "What the token is for (shown in the list)."],
  [
    contract.createTokenSchema.shape.expiresInDays,
    "Days until the token stops working, 1 to 3650; null, or more than the admins allow (tokenMaxDays, 365 unless changed): as long as they allow.",
  ],
  [contract.createdTokenSchema.shape.token, "The secret (nst_…): shown in this answer only; the studio keeps only its hash."],
  [contract.listTokensQuerySchema.shape.all, "Admins: everyone's tokens."],
  [contract.listTokensQuerySchema.shape.cursor, "nextCursor of the previous page."],
  [contract.listTokensQuerySchema.shape.limit, "Page size, at most 100; the default 50 holds every token one person may have."],
  [contract.apiTokenSchema.shape.expiresAt, "When it stops working: its own expiry, or its creation plus the admins' maximum (tokenMaxDays) if sooner."],
  [contract.signOutQuerySchema.shape.all, "1: end every session of this person (sign out everywhere); needs a signed-in browser."],
  [contract.signOutQuerySchema.shape.endTokens, "With all=1: also revoke every API token of the person (default 1; 0 keeps them)."],
  [contract.changePasswordSchema.shape.endTokens, "Also revoke every API token of the person (default true)."],
  [contract.adminSignOutSchema.shape.endTokens, "Also revoke the API tokens (default true)."],
  [contract.apiTokenSchema.shape.lastUsedAt, "The last request made with it."],
  [o.model, "A model of the catalog (lib/models.ts); default nano_banana_2."],
  [o.n, "1 to 4 pictures."],
  [o.size, "Mapped to an aspect ratio: 1024x1024 → 1:1, 1536x1024 and 1792x1024 → 16:9, 1024x1536 and 1024x1792 → 9:16, auto → auto."],
  [o.response_format, "b64_json (default): the picture in the answer; url: an absolute link, signed and expiring, that needs no cookie or token."],
  [o.aspect_ratio, "Extension: the studio's aspect ratio; wins over size."],
  [o.image_size, "Extension: 1K, 2K or 4K, for models whose name does not fix it."],
  [o.quality, "Accepted and ignored, as many clients send it."],
  [o.style, "Accepted and ignored, as many clients send it."],
  [o.user, "Accepted and ignored: pictures are attributed to the token's person."],
];

export const descriptions: ReadonlyMap<z.ZodType, string> = new Map(entries);
