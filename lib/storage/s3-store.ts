import "server-only";
import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { assertValidKey, normalizePrefix } from "./keys";
import type { BlobStore, StoredObject } from "./types";

// The picture store for teams: one object per key in an S3-compatible bucket
// (AWS, MinIO, R2, Ceph…), under an optional prefix. A PutObject is atomic on
// S3 (readers see the old object or the new one, never a mix), and GetObject's
// body is handed on as a Node stream, so a 4K original is never buffered.

export type S3StoreOptions = {
  bucket: string;
  /** "" (the whole bucket) or e.g. "studio" / "team/pictures"; joined to keys with "/". */
  prefix?: string;
} & ({ client: S3Client; clientConfig?: never } | { clientConfig: S3ClientConfig; client?: never });

export interface S3Store extends BlobStore {
  readonly kind: "s3";
  readonly bucket: string;
  /** Normalized: no leading or trailing slash; "" for none. */
  readonly prefix: string;
  readonly client: S3Client;
}

/** S3 refuses keys longer than 1024 bytes of UTF-8. */
const MAX_KEY_BYTES = 1024;

export function createS3Store(options: S3StoreOptions): S3Store {
  const { bucket } = options;
  if (typeof bucket !== "string" || bucket.length === 0) throw new Error("S3 store: bucket is required");
  const prefix = normalizePrefix(options.prefix);
  const client = options.client ?? new S3Client(options.clientConfig);

  function objectKey(key: string): string {
    assertValidKey(key);
    const full = prefix ? `${prefix}/${key}` : key;
    if (Buffer.byteLength(full, "utf8") > MAX_KEY_BYTES) {
      throw new Error(`Storage key is longer than ${MAX_KEY_BYTES} bytes with its prefix: ${JSON.stringify(key)}`);
    }
    return full;
  }

  return {
    kind: "s3",
    bucket,
    prefix,
    client,

    async put({ key, bytes, contentType }) {
      const Key = objectKey(key);
      // One request with the whole body: S3 stores it atomically, and a body of
      // known length is sent as is (no multipart, no aws-chunked encoding).
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key,
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.length,
        }),
      );
    },

    async get(key): Promise<StoredObject | undefined> {
      const Key = objectKey(key);
      let response;
      try {
        response = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
      } catch (error) {
        // Only a missing key is "no object"; a missing bucket or a refusal is an error.
        if (errorName(error) === "NoSuchKey") return undefined;
        throw error;
      }
      const body = response.Body;
      if (body === undefined) throw new Error(`S3 GetObject returned no body for ${JSON.stringify(key)}`);
      const stream = toNodeReadable(body);
      const size = response.ContentLength;
      if (typeof size !== "number" || !Number.isFinite(size)) {
        stream.destroy();
        throw new Error(`S3 GetObject returned no Content-Length for ${JSON.stringify(key)}`);
      }
      // Size and bytes come from the same response, so they always agree.
      return { stream, size };
    },

    async delete(key) {
      const Key = objectKey(key);
      // S3 answers 204 whether or not the key existed.
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
    },

    async exists(key) {
      const Key = objectKey(key);
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key }));
        return true;
      } catch (error) {
        // A HEAD response has no body, so S3 cannot say which thing is missing:
        // 404 is "no such object" (checkS3Store tells a missing bucket apart).
        if (httpStatus(error) === 404 || errorName(error) === "NotFound" || errorName(error) === "NoSuchKey") {
          return false;
        }
        throw error;
      }
    },
  };
}

export class S3StoreCheckError extends Error {
  override name = "S3StoreCheckError";
  constructor(
    message: string,
    readonly reason: "missing-bucket" | "credentials" | "wrong-region" | "unreachable" | "other",
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Start-up and health check: the bucket exists and the credentials may use it
 * (HeadBucket). Throws one line naming the bucket and endpoint; the message
 * never contains a credential.
 */
export async function checkS3Store(store: S3Store): Promise<void> {
  try {
    await store.client.send(new HeadBucketCommand({ Bucket: store.bucket }));
  } catch (error) {
    const where = await describeEndpoint(store.client);
    const status = httpStatus(error);
    const name = errorName(error);
    const code = errorCode(error);
    const detail = [name, status ? `HTTP ${status}` : undefined, code].filter(Boolean).join(", ");
    let reason: S3StoreCheckError["reason"] = "other";
    let message: string;
    if (status === 404 || name === "NotFound" || name === "NoSuchBucket") {
      reason = "missing-bucket";
      message = `S3 bucket "${store.bucket}" does not exist at ${where} (STORAGE_URL)`;
    } else if (
      status === 401 ||
      status === 403 ||
      name === "InvalidAccessKeyId" ||
      name === "SignatureDoesNotMatch" ||
      name === "AccessDenied" ||
      name === "Forbidden"
    ) {
      reason = "credentials";
      message = `S3 credentials refused for bucket "${store.bucket}" at ${where} (check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY)`;
    } else if (status === 301 || name === "PermanentRedirect" || name === "AuthorizationHeaderMalformed") {
      reason = "wrong-region";
      message = `S3 bucket "${store.bucket}" is in another region than the one configured at ${where} (check S3_REGION)`;
    } else if (code && NETWORK_CODES.has(code)) {
      reason = "unreachable";
      message = `S3 ${where} is unreachable (check S3_ENDPOINT)`;
    } else {
      message = `S3 bucket "${store.bucket}" at ${where} cannot be used`;
    }
    throw new S3StoreCheckError(`${message}: ${detail || "unknown error"}`, reason, { cause: error });
  }
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "TimeoutError",
]);

/** "endpoint http://host:port" or "AWS S3 region eu-west-1"; never includes credentials. */
async function describeEndpoint(client: S3Client): Promise<string> {
  let region: string | undefined;
  try {
    region = await client.config.region();
  } catch {
    region = undefined;
  }
  try {
    const endpoint = client.config.endpoint ? await client.config.endpoint() : undefined;
    if (endpoint) {
      const port = endpoint.port ? `:${endpoint.port}` : "";
      const path = endpoint.path && endpoint.path !== "/" ? endpoint.path : "";
      return `endpoint ${endpoint.protocol}//${endpoint.hostname}${port}${path}`;
    }
  } catch {
    // fall through to the AWS description
  }
  return `AWS S3${region ? ` region ${region}` : ""}`;
}

function toNodeReadable(body: unknown): Readable {
  if (body instanceof Readable) return body;
  // Other runtimes give a web stream; Node's SDK gives an IncomingMessage (a Readable).
  if (typeof (body as ReadableStream | undefined)?.getReader === "function") {
    return Readable.fromWeb(body as import("node:stream/web").ReadableStream);
  }
  throw new Error("S3 GetObject returned a body that is not a stream");
}

function errorName(error: unknown): string | undefined {
  return typeof (error as { name?: unknown })?.name === "string" ? (error as { name: string }).name : undefined;
}

function httpStatus(error: unknown): number | undefined {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } })?.$metadata?.httpStatusCode;
  return typeof status === "number" ? status : undefined;
}

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; Code?: unknown; name?: unknown };
  if (typeof e?.code === "string") return e.code;
  if (typeof e?.Code === "string" && e.Code !== e.name) return e.Code;
  return undefined;
}
