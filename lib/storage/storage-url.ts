import { inspect } from "node:util";
import { z } from "zod";

// STORAGE_URL=s3://bucket/prefix and the usual S3_* variables, parsed into
// what createS3Store needs. Pure: it reads only the record it is given. An
// invalid value throws one line naming the variable; values are never echoed
// (a misplaced secret must not reach a log).

export type S3Settings = {
  bucket: string;
  /** No leading or trailing slash; "" for the whole bucket. */
  prefix: string;
  /** Assignable to S3ClientConfig: `new S3Client(settings.clientConfig)` or `createS3Store(settings)`. */
  clientConfig: {
    region: string;
    forcePathStyle: boolean;
    endpoint?: string;
    /** Absent: the SDK's default chain (AWS_* variables, instance role…). */
    credentials?: { accessKeyId: string; secretAccessKey: string };
  };
};


export class S3SettingsError extends Error {
  override name = "S3SettingsError";
  constructor(
    message: string,
    /** The variables at fault, e.g. ["S3_ENDPOINT"]. */
    readonly variables: string[],
  ) {
    super(message);
  }
}

// Bucket names as S3 (and MinIO, R2, Ceph) accept them for path-style and
// virtual-host access: 3–63 of a-z 0-9 . -, starting and ending alphanumeric.
const BUCKET_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalTrimmed = z.preprocess(blankToUndefined, z.string().trim().optional());

const storageUrl = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      const parsed = parseStorageUrl(value);
      if (typeof parsed === "string") {
        ctx.addIssue({ code: "custom", message: parsed });
        return z.NEVER;
      }
      return parsed;
    })
    .optional(),
);

const endpoint = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      // Checked before parsing: a secret containing "/" would make the URL
      // parser read the credentials as a host, and the message misleading.
      if (value.includes("@")) {
        ctx.addIssue({
          code: "custom",
          message: "must not contain credentials (@); use S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY",
        });
        return z.NEVER;
      }
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({ code: "custom", message: "must be an http(s) URL such as http://127.0.0.1:9000" });
        return z.NEVER;
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        ctx.addIssue({ code: "custom", message: "must be an http(s) URL such as http://127.0.0.1:9000" });
        return z.NEVER;
      }
      if (url.search || url.hash) {
        ctx.addIssue({ code: "custom", message: "must not have a query string or fragment" });
        return z.NEVER;
      }
      return url.href.replace(/\/+$/, "");
    })
    .optional(),
);

const region = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,64}$/, { message: "must be a region name such as us-east-1 (or auto for R2)" })
    .optional(),
);

const TRUE = new Set(["1", "true", "yes", "on"]);
const FALSE = new Set(["0", "false", "no", "off"]);
const flag = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      const v = value.toLowerCase();
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return false;
      ctx.addIssue({ code: "custom", message: "must be true or false" });
      return z.NEVER;
    })
    .optional(),
);

// Secrets: only "present or not" is checked, and no message mentions the value.
const secret = z.preprocess(blankToUndefined, z.string().trim().optional());

const schema = z.object({
  STORAGE_URL: storageUrl,
  S3_ENDPOINT: endpoint,
  S3_REGION: region,
  S3_ACCESS_KEY_ID: optionalTrimmed,
  S3_SECRET_ACCESS_KEY: secret,
  S3_FORCE_PATH_STYLE: flag,
});

/**
 * undefined when STORAGE_URL is unset (the embedded file store is used), the
 * S3 settings when it is s3://…, a thrown S3SettingsError otherwise.
 */
export function parseS3Settings(env: Record<string, string | undefined>): S3Settings | undefined {
  const input = {
    STORAGE_URL: env.STORAGE_URL,
    S3_ENDPOINT: env.S3_ENDPOINT,
    S3_REGION: env.S3_REGION,
    S3_ACCESS_KEY_ID: env.S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: env.S3_SECRET_ACCESS_KEY,
    S3_FORCE_PATH_STYLE: env.S3_FORCE_PATH_STYLE,
  };
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const variables = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
    // Each issue's own message: never zod's defaults, which may quote the input.
    const lines = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    throw new S3SettingsError(`Invalid configuration: ${lines.join("; ")}`, variables);
  }
  const e = parsed.data;
  if (!e.STORAGE_URL) return undefined;

  const hasId = e.S3_ACCESS_KEY_ID !== undefined;
  const hasSecret = e.S3_SECRET_ACCESS_KEY !== undefined;
  if (hasId !== hasSecret) {
    const missing = hasId ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID";
    const other = hasId ? "S3_ACCESS_KEY_ID" : "S3_SECRET_ACCESS_KEY";
    throw new S3SettingsError(`Invalid configuration: ${missing}: required when ${other} is set`, [missing]);
  }

  const clientConfig: S3Settings["clientConfig"] = {
    // A custom endpoint (MinIO, s3rver, Ceph) ignores the region but the
    // signature needs one; on AWS it must be the bucket's region.
    region: e.S3_REGION ?? "us-east-1",
    forcePathStyle: e.S3_FORCE_PATH_STYLE ?? false,
  };
  if (e.S3_ENDPOINT) clientConfig.endpoint = e.S3_ENDPOINT;
  // Without keys the SDK's default chain applies (AWS_* variables, instance role…).
  if (hasId && hasSecret) {
    clientConfig.credentials = redactedCredentials(e.S3_ACCESS_KEY_ID!, e.S3_SECRET_ACCESS_KEY!);
  }
  return { bucket: e.STORAGE_URL.bucket, prefix: e.STORAGE_URL.prefix, clientConfig };
}

/** A safe one-line description for start-up logs and /api/health. */
export function describeS3Settings(settings: S3Settings): string {
  const where = settings.clientConfig.endpoint ?? `AWS S3 ${settings.clientConfig.region}`;
  const path = settings.prefix ? `${settings.bucket}/${settings.prefix}` : settings.bucket;
  return `s3://${path} at ${where}${settings.clientConfig.forcePathStyle ? " (path-style)" : ""}`;
}

/** Either the parsed URL or a message (the value is never part of it). */
function parseStorageUrl(value: string): { bucket: string; prefix: string } | string {
  // Before anything else: "s3://key:secret@bucket" must not reach any message,
  // and a secret containing "/" would otherwise be read as bucket and prefix.
  if (value.includes("@")) {
    return "must not contain credentials (@); use S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY";
  }
  const match = /^s3:\/\/([^/?#]*)(\/[^?#]*)?$/i.exec(value);
  if (!match) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^s3:/i.test(value)) return "only s3://bucket/prefix is supported";
    return "must look like s3://bucket/prefix (no query string or fragment)";
  }
  const [, host, rest = ""] = match;
  if (!BUCKET_RE.test(host) || host.includes("..") || /^\d+\.\d+\.\d+\.\d+$/.test(host)) {
    return "the bucket name must be 3-63 characters of a-z, 0-9, dots and hyphens";
  }
  const prefix = rest.replace(/^\/+|\/+$/g, "");
  if (prefix !== "") {
    for (const segment of prefix.split("/")) {
      if (segment === "" || segment.startsWith(".") || segment.includes("\\") || segment.includes("\0")) {
        return "the prefix must be slash-separated names without empty or dot segments";
      }
    }
    if (Buffer.byteLength(prefix, "utf8") > 512) return "the prefix is too long";
  }
  return { bucket: host, prefix };
}

/**
 * Plain credentials for the SDK that do not print their secret when the
 * settings are logged (JSON.stringify, pino, console.log / util.inspect).
 */
function redactedCredentials(accessKeyId: string, secretAccessKey: string) {
  const credentials = { accessKeyId, secretAccessKey };
  const safe = () => ({ accessKeyId, secretAccessKey: "[redacted]" });
  Object.defineProperty(credentials, "toJSON", { value: safe, enumerable: false });
  Object.defineProperty(credentials, inspect.custom, { value: safe, enumerable: false });
  return credentials;
}
