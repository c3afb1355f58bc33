import "server-only";
import { z } from "zod";
import * as contract from "@/lib/contract";
import * as promptContract from "@/lib/contract-prompt";
import * as templateContract from "@/lib/contract-templates";
import * as runContract from "@/lib/contract-runs";
import { MAX_REFERENCES } from "@/lib/models";
import { MAX_REFERENCE_BYTES } from "@/lib/generations/references";

// The named schemas of the OpenAPI document (components.schemas). Nearly all
// are lib/contract.ts itself; the few below are shapes the contract does not
// hold because a route parses them by hand (multipart forms, a path id, a
// flag in the query). They are zod like the contract, so the document is
// still generated, never written as JSON; each could move to the contract.

const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"];
const megabytes = MAX_REFERENCE_BYTES / 1024 / 1024;
const imageFile = z
  .file()
  .mime(IMAGE_TYPES)
  .meta({ description: `A PNG, JPEG or WebP picture of at most ${megabytes} MB.` });

/** POST /api/references: multipart/form-data with one picture in `file`. */
export const referenceUploadSchema = z.object({ file: imageFile });

/**
 * POST /v1/images/edits: the fields of an images request as form fields, and
 * the pictures as `image` (one or repeated) or `image[]` (what the OpenAI SDKs
 * send for a list).
 */
export const openAiImageEditFormSchema = contract.openAiImageRequestSchema.extend({
  image: z
    .union([imageFile, z.array(imageFile).min(1).max(MAX_REFERENCES)])
    .optional()
    .meta({ description: `The reference picture(s), 1 to ${MAX_REFERENCES}; \`image\` or \`image[]\`, one of the two is required.` }),
  "image[]": z.array(imageFile).min(1).max(MAX_REFERENCES).optional().meta({ description: "The reference pictures as the SDKs send a list." }),
});

/** GET /api/ping. */
export const pingSchema = z.object({ ok: z.literal(true) });

/** GET /api/openapi.json: this document (its top level; the rest is OpenAPI 3.1). */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

/** Query strings parsed inside their routes. */
export const queries = {
  /** GET /api/references/{id} */
  referenceFile: z.object({ download: z.literal("1").optional().meta({ description: "1: add a Content-Disposition with a readable file name." }) }),
  /** GET /api/auth/oidc/start (app/api/auth/oidc/start/route.ts) */
  oidcStart: z.object({ returnTo: z.string().max(500).optional().meta({ description: "A path of this studio to land on once signed in." }) }),
  /** GET /api/auth/oidc/callback (app/api/auth/oidc/callback/route.ts): what the provider sends back. */
  oidcCallback: z.object({
    code: z.string().max(4096).optional(),
    state: z.string().max(1024).optional(),
    iss: z.string().max(2048).optional(),
    error: z.string().max(256).optional(),
    error_description: z.string().max(2048).optional(),
  }),
};

/** Path parameters. */
export const ids = {
  generation: contract.generationIdSchema,
  reference: contract.referenceIdSchema,
  user: z.string().meta({ description: "A person's account id (usr_…)." }),
  token: z.string().meta({ description: "A token's id, as GET /api/tokens lists it (never the secret)." }),
  invite: z.string().meta({ description: "The secret of an invite link (/invite/<token>)." }),
  board: contract.boardIdSchema,
  share: contract.shareIdSchema,
  run: runContract.runIdSchema,
};

/** What a request sends: converted with io "input" (defaults optional, query flags as strings). */
export const requestSchemas = {
  CreateGenerationRequest: contract.createGenerationSchema,
  RetryGenerationRequest: contract.retryGenerationSchema,
  PatchGenerationRequest: contract.patchGenerationSchema,
  ReferenceUpload: referenceUploadSchema,
  ReferenceUrlRequest: contract.referenceUrlRequestSchema,
  SignInRequest: contract.signInSchema,
  ChangePasswordRequest: contract.changePasswordSchema,
  CreateUserRequest: contract.createUserSchema,
  PatchUserRequest: contract.patchUserSchema,
  AcceptInviteRequest: contract.acceptInviteSchema,
  PutPricesRequest: contract.putPricesSchema,
  CreateTokenRequest: contract.createTokenSchema,
  AdminSignOutRequest: contract.adminSignOutSchema,
  PutStudioSettingsRequest: contract.studioSettingsSchema,
  CreateBoardRequest: contract.createBoardSchema,
  PatchBoardRequest: contract.patchBoardSchema,
  BoardItemsRequest: contract.boardItemsSchema,
  CreateTemplateRequest: templateContract.createTemplateSchema,
  CreateRunRequest: runContract.createRunSchema,
  PatchTemplateRequest: templateContract.patchTemplateSchema,
  CreateShareRequest: contract.createShareSchema,
  DownloadRequest: contract.downloadSchema,
  OpenAIImageRequest: contract.openAiImageRequestSchema,
  OpenAIImageEditRequest: openAiImageEditFormSchema,
  ImprovePromptRequest: promptContract.improvePromptSchema,
  DescribeReferenceRequest: promptContract.describeReferenceSchema,
} satisfies Record<string, z.ZodType>;

/** What a response carries: converted with io "output" (what the studio sends, defaults applied). */
export const responseSchemas = {
  Error: contract.errorBodySchema,
  OpenAIError: contract.openAiErrorSchema,
  Generation: contract.generationSchema,
  VersionsResponse: contract.versionsResponseSchema,
  GenerationsCreated: contract.createGenerationResponseSchema,
  GenerationPage: contract.listGenerationsResponseSchema,
  GenerationIds: contract.generationIdsResponseSchema,
  UploadedReference: contract.uploadedReferenceSchema,
  Health: contract.healthSchema,
  Ping: pingSchema,
  SessionInfo: contract.sessionInfoSchema,
  User: contract.userSchema,
  UserList: contract.listUsersResponseSchema,
  Invite: contract.inviteResponseSchema,
  Prices: contract.pricesResponseSchema,
  UsageReport: contract.usageResponseSchema,
  ApiToken: contract.apiTokenSchema,
  CreatedToken: contract.createdTokenSchema,
  TokenList: contract.listTokensResponseSchema,
  SignOutResult: contract.signOutResultSchema,
  StudioSettings: contract.studioSettingsSchema,
  Board: contract.boardSchema,
  BoardList: contract.listBoardsResponseSchema,
  BoardItemsChanged: contract.boardItemsResponseSchema,
  Template: templateContract.templateSchema,
  TemplateList: templateContract.listTemplatesResponseSchema,
  RunPreview: runContract.runPreviewSchema,
  CreatedRun: runContract.createRunResponseSchema,
  Run: runContract.runSchema,
  Share: contract.shareSchema,
  CreatedShare: contract.createdShareSchema,
  ShareList: contract.listSharesResponseSchema,
  SharePreview: contract.sharePreviewSchema,
  OpenAIImages: contract.openAiImagesResponseSchema,
  OpenAIModelList: contract.openAiModelsResponseSchema,
  OpenAPIDocument: openApiDocumentSchema,
  PromptSuggestion: promptContract.promptSuggestionSchema,
} satisfies Record<string, z.ZodType>;

export type RequestSchemaName = keyof typeof requestSchemas;
export type ResponseSchemaName = keyof typeof responseSchemas;
