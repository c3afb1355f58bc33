import "server-only";
import { z } from "zod";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { descriptions } from "./notes";
import { operations, TAGS, type Access, type HeaderName, type Operation, type Success } from "./routes";
import { requestSchemas, responseSchemas } from "./schemas";

// The OpenAPI 3.1 document of the studio's API (GET /api/openapi.json):
// components.schemas from the zod schemas (./schemas) by z.toJSONSchema, whose
// default target, JSON Schema 2020-12, is OpenAPI 3.1's dialect; paths from
// the route table (./routes). Request bodies and query strings are converted
// as input (defaults optional, query flags as the strings they are sent as),
// responses as output (what the studio sends). A transform that JSON Schema
// cannot express throws here, naming the schema, instead of becoming `{}`.

type Json = Record<string, unknown>;

const SCHEMA_REF = "#/components/schemas/";
const ref = (name: string) => ({ $ref: `${SCHEMA_REF}${name}` });
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Descriptions from ./notes; zod's ±2^53 integer bounds dropped (they say nothing to a reader). */
function override({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: Json }) {
  const description = descriptions.get(zodSchema as z.ZodType);
  if (description && !jsonSchema.description) jsonSchema.description = description;
  if (jsonSchema.minimum === -MAX_SAFE) delete jsonSchema.minimum;
  if (jsonSchema.maximum === MAX_SAFE) delete jsonSchema.maximum;
}

function convertNamed(schemas: Record<string, z.ZodType>, io: "input" | "output"): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(schemas)) registry.add(schema, { id: name });
  let converted: { schemas: Record<string, Json> };
  try {
    converted = z.toJSONSchema(registry, { io, uri: (id) => `${SCHEMA_REF}${id}`, override }) as typeof converted;
  } catch (error) {
    throw new Error(`OpenAPI: a schema among ${Object.keys(schemas).join(", ")} cannot be expressed as ${io}: ${(error as Error).message}`);
  }
  if ("__shared" in converted.schemas) throw new Error("OpenAPI: shared $defs appeared; name the schema they come from in ./schemas");
  const out: Record<string, Json> = {};
  for (const [name, { $schema: _s, $id: _i, ...schema }] of Object.entries(converted.schemas)) out[name] = schema;
  return out;
}

function convertOne(schema: z.ZodType, what: string): Json {
  try {
    const { $schema: _s, ...json } = z.toJSONSchema(schema, { io: "input", override }) as Json;
    return json;
  } catch (error) {
    throw new Error(`OpenAPI: ${what} cannot be expressed: ${(error as Error).message}`);
  }
}

/** A query schema's properties, one parameter each. */
function queryParameters(op: Operation): Json[] {
  if (!op.query) return [];
  const json = convertOne(op.query, `the query of ${op.method.toUpperCase()} ${op.path}`);
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries((json.properties ?? {}) as Record<string, Json>).map(([name, { description, ...property }]) => ({
    name,
    in: "query",
    required: required.has(name),
    ...(description ? { description } : {}),
    schema: property,
  }));
}

/** Request headers a route reads, each optional. */
function headerParameters(op: Operation): Json[] {
  return Object.entries(op.requestHeaders ?? {}).map(([name, schema]) => {
    const { description, ...json } = convertOne(schema, `the header ${name} of ${op.path}`);
    return { name, in: "header", required: false, ...(description ? { description } : {}), schema: json };
  });
}

function pathParameters(op: Operation): Json[] {
  return Object.entries(op.params ?? {}).map(([name, schema]) => {
    const { description, ...json } = convertOne(schema, `the path parameter ${name} of ${op.path}`);
    return { name, in: "path", required: true, ...(description ? { description } : {}), schema: json };
  });
}

const HEADERS: Record<HeaderName | "Retry-After", Json> = {
  "Set-Cookie": { description: `The session cookie (${SESSION_COOKIE}; HttpOnly, SameSite=Lax).`, schema: { type: "string" } },
  Location: { description: "Where to go next.", schema: { type: "string" } },
  ETag: { description: "The file's tag, for If-None-Match.", schema: { type: "string" } },
  "Cache-Control": { description: "private, max-age=31536000, immutable: the bytes under this URL never change.", schema: { type: "string" } },
  "Content-Disposition": { description: "With download=1 (and for the CSV): attachment with a readable file name.", schema: { type: "string" } },
  "Retry-After": { description: "Seconds to wait before asking again.", schema: { type: "integer" } },
};
const headerRefs = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));

function success(answer: Success): Json {
  const content: Json = {};
  if (answer.json) content["application/json"] = { schema: ref(answer.json) };
  for (const type of answer.file ?? []) content[type] = { schema: { type: "string", contentMediaType: type } };
  return {
    description: answer.description,
    ...(answer.headers?.length ? { headers: headerRefs(answer.headers) } : {}),
    ...(Object.keys(content).length ? { content } : {}),
  };
}

const ERROR_MEANING: Record<number, string> = {
  400: "invalid_request: the body or query does not fit; the message and issues name the field",
  401: "unauthorized: no valid session cookie or token",
  403: "forbidden: a disabled account, a write from another origin, or not allowed for this person",
  404: "not_found: nothing with this id",
  413: "payload_too_large: the body is over this route's limit: 16 KB for JSON, 32 KB for a list of ids (downloads, board items), 1 MB for a run's table, a picture's 7 MB and framing for POST /api/references, STUDIO_BODY_LIMIT_BYTES (40 MB) for POST /api/generations",
  422: "idempotency_key_reused: the idempotencyKey was used in the last 24 hours with a different request; nothing was made",
  429: "quota_exceeded or rate_limited: a daily or budget limit, a full queue past the in-flight limit, or too many tries; Retry-After says when",
  502: "upstream_error: the gateway refused or failed",
  503: "upstream_unavailable: the gateway could not be reached",
};

/** /v1 answers in OpenAI's shape, whose type and code the SDKs read (lib/openai-compat/errors.ts). */
const OPENAI_ERROR_MEANING: Record<number, string> = {
  400: "invalid_request_error: a field does not fit (param names it; model_not_found for an unknown model; a model or size without a price while a budget applies), or an unusable Idempotency-Key",
  401: "authentication_error: no token, or a wrong, expired or revoked one",
  403: "permission_error: a disabled account",
  413: "invalid_request_error, request_too_large: the body, a picture (7 MB) or a field is over its limit; param names it",
  422: "invalid_request_error, idempotency_key_reused: the Idempotency-Key was used in the last 24 hours with a different request; nothing was made",
  429: "rate_limit_error: quota_exceeded (a daily limit or the month's budget) or rate_limit_exceeded (your queue past the in-flight limit is full, or too many edits of yours being uploaded at once; Retry-After says when). Past the in-flight limit a request waits its turn (up to STUDIO_MAX_QUEUED pictures), answered when its pictures are done",
  502: "upstream_error: the gateway refused or failed every picture",
  503: "server_error: the gateway could not be reached",
  504: "timeout_error: not done within STUDIO_SYNC_WAIT_MS; the message lists the generations, which still finish into the gallery",
};

function errorStatuses(op: Operation): number[] {
  // Every /api body is read with a size cap (readJsonBody, readCappedBody); /v1 lists its 413 itself.
  const implied = [...(op.access === "public" ? [] : [401, 403]), ...(op.body && !op.path.startsWith("/v1/") ? [400, 413] : [])];
  return [...new Set([...op.errors, ...implied])].sort((a, b) => a - b);
}

function failure(op: Operation, status: number): Json {
  const openAi = op.path.startsWith("/v1/");
  const description = (openAi ? OPENAI_ERROR_MEANING : ERROR_MEANING)[status];
  if (!description) throw new Error(`OpenAPI: no meaning written for ${status} (${op.method.toUpperCase()} ${op.path})`);
  return {
    description,
    ...(status === 429 ? { headers: headerRefs(["Retry-After"]) } : {}),
    content: { "application/json": { schema: ref(openAi ? "OpenAIError" : "Error") } },
  };
}

const SECURITY: Record<Access, Json[]> = {
  public: [],
  person: [{ bearer: [] }, { cookie: [] }],
  browser: [{ cookie: [] }],
  admin: [{ cookie: [] }],
  link: [{ bearer: [] }, { cookie: [] }, {}],
};

/** Each media type with its schema; a multipart route's JSON alternative (orJson) beside it. */
function requestContent(body: NonNullable<Operation["body"]>, media: string[]): Json {
  const content: Json = Object.fromEntries(media.map((type) => [type, { schema: ref(body.schema) }]));
  if (body.orJson) content["application/json"] = { schema: ref(body.orJson) };
  return content;
}

function operation(op: Operation): Json {
  const parameters = [...pathParameters(op), ...queryParameters(op), ...headerParameters(op)];
  const responses: Json = {};
  for (const [status, answer] of Object.entries(op.ok)) responses[status] = success(answer);
  for (const status of errorStatuses(op)) responses[String(status)] = failure(op, status);
  const media = op.body?.media === "multipart" ? ["multipart/form-data"] : op.body?.media === "json+form" ? ["application/json", "application/x-www-form-urlencoded"] : ["application/json"];
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: !op.body.optional, content: requestContent(op.body, media) } } : {}),
    responses,
    security: SECURITY[op.access],
  };
}

const DESCRIPTION = `The studio's own HTTP API: the browser uses exactly this, and so can scripts and other tools.

**Who is calling.** A personal API token (created on /tokens) as \`Authorization: Bearer nst_…\` works on every route as that person, with the same limits and attribution as the browser, and no origin check, except where a signed-in browser is required: making, listing and revoking tokens, \`/api/session\` (who, password, sign out everywhere) and every \`/api/admin\` route answer a token 403. The browser's session cookie (\`${SESSION_COOKIE}\`) works too; writes with a cookie must come from the studio's own origin. With \`STUDIO_AUTH=none\` no credential is needed.

**Errors.** Every /api error has one body: \`{"error":{"code","message","issues"}}\` (a 429 from a person's limit adds \`limit\`, and for the daily limit and the monthly budget \`resetsAt\`); /v1 answers in OpenAI's shape: \`{"error":{"message","type","code","param"}}\`.

**OpenAI clients.** Base URL \`<this studio>/v1\`, API key a token, model e.g. \`nano_banana_2\`.`;

export function buildOpenApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operation(op);
  return {
    openapi: "3.1.0",
    info: { title: "Nano Studio API", version: "1", description: DESCRIPTION },
    servers: [{ url: "/", description: "This studio" }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    security: SECURITY.person,
    paths,
    components: {
      schemas: { ...convertNamed(requestSchemas, "input"), ...convertNamed(responseSchemas, "output") },
      headers: HEADERS,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", bearerFormat: "nst_…", description: "A personal API token, created on /tokens or with POST /api/tokens." },
        cookie: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "The browser's session, after signing in." },
      },
    },
  };
}

let cached: string | undefined;

/** The document as JSON text, built once per process. */
export function openApiJson(): string {
  return (cached ??= JSON.stringify(buildOpenApiDocument()));
}
