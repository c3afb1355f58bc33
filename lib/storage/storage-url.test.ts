import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { S3SettingsError, describeS3Settings, parseS3Settings } from "./storage-url";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

function errorOf(env: Record<string, string | undefined>): S3SettingsError {
  try {
    parseS3Settings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(S3SettingsError);
    return error as S3SettingsError;
  }
  throw new Error("expected parseS3Settings to throw");
}

describe("parseS3Settings", () => {
  it("is undefined without STORAGE_URL (the embedded file store)", () => {
    expect(parseS3Settings({})).toBeUndefined();
    expect(parseS3Settings({ STORAGE_URL: "  " })).toBeUndefined();
    // S3_* alone do nothing, but are still checked.
    expect(parseS3Settings({ S3_REGION: "eu-west-1" })).toBeUndefined();
  });

  it("parses a full MinIO-style configuration", () => {
    const settings = parseS3Settings({
      STORAGE_URL: "s3://studio-pictures/team/nano/",
      S3_ENDPOINT: "http://minio:9000/",
      S3_REGION: "eu-central-1",
      S3_ACCESS_KEY_ID: "minioadmin",
      S3_SECRET_ACCESS_KEY: SECRET,
      S3_FORCE_PATH_STYLE: "true",
    });
    expect(settings).toMatchObject({
      bucket: "studio-pictures",
      prefix: "team/nano",
      clientConfig: {
        endpoint: "http://minio:9000",
        region: "eu-central-1",
        forcePathStyle: true,
        credentials: { accessKeyId: "minioadmin", secretAccessKey: SECRET },
      },
    });
  });

  it("defaults: no prefix, us-east-1, virtual-host style, SDK credential chain", () => {
    const settings = parseS3Settings({ STORAGE_URL: "s3://my-bucket" })!;
    expect(settings.bucket).toBe("my-bucket");
    expect(settings.prefix).toBe("");
    expect(settings.clientConfig.region).toBe("us-east-1");
    expect(settings.clientConfig.forcePathStyle).toBe(false);
    expect(settings.clientConfig.endpoint).toBeUndefined();
    expect(settings.clientConfig.credentials).toBeUndefined();
    expect(parseS3Settings({ STORAGE_URL: "s3://my-bucket/" })!.prefix).toBe("");
  });

  it.each([
    ["1", true],
    ["yes", true],
    ["TRUE", true],
    ["0", false],
    ["false", false],
    ["off", false],
    ["", false],
  ])("reads S3_FORCE_PATH_STYLE=%j as %s", (value, expected) => {
    expect(parseS3Settings({ STORAGE_URL: "s3://abc", S3_FORCE_PATH_STYLE: value })!.clientConfig.forcePathStyle).toBe(
      expected,
    );
  });

  it.each([
    ["file:///data", /only s3:\/\/bucket\/prefix/],
    ["https://s3.amazonaws.com/bucket", /only s3:\/\/bucket\/prefix/],
    ["bucket/prefix", /must look like s3:\/\/bucket\/prefix/],
    ["s3://", /bucket name/],
    ["s3://ab", /bucket name/],
    ["s3://Upper_Case", /bucket name/],
    ["s3://-leading", /bucket name/],
    ["s3://a..b", /bucket name/],
    ["s3://192.168.1.1", /bucket name/],
    ["s3://bucket/a/../b", /prefix/],
    ["s3://bucket/a//b", /prefix/],
    ["s3://bucket/.hidden", /prefix/],
    ["s3://bucket/p?x=1", /no query string/],
  ])("refuses STORAGE_URL=%j", (value, message) => {
    const error = errorOf({ STORAGE_URL: value });
    expect(error.variables).toEqual(["STORAGE_URL"]);
    expect(error.message).toMatch(/^Invalid configuration: STORAGE_URL: /);
    expect(error.message).toMatch(message);
  });

  it("refuses credentials in STORAGE_URL without echoing them", () => {
    const error = errorOf({ STORAGE_URL: `s3://AKIAEXAMPLE:${SECRET}@bucket/p` });
    expect(error.variables).toEqual(["STORAGE_URL"]);
    expect(error.message).toContain("must not contain credentials");
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain("AKIAEXAMPLE");
  });

  it.each([
    ["minio:9000", /http\(s\) URL/],
    ["ftp://minio", /http\(s\) URL/],
    [`http://admin:${SECRET}@minio:9000`, /must not contain credentials/],
    ["http://minio:9000/?x=1", /query string/],
  ])("refuses S3_ENDPOINT=%j without echoing it", (value, message) => {
    const error = errorOf({ STORAGE_URL: "s3://bucket", S3_ENDPOINT: value });
    expect(error.variables).toEqual(["S3_ENDPOINT"]);
    expect(error.message).toMatch(/^Invalid configuration: S3_ENDPOINT: /);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(value);
    expect(error.message).not.toContain(SECRET);
  });

  it("names S3_REGION and S3_FORCE_PATH_STYLE", () => {
    expect(errorOf({ STORAGE_URL: "s3://bucket", S3_REGION: "EU West 1" }).message).toMatch(/S3_REGION: must be a region/);
    expect(errorOf({ STORAGE_URL: "s3://bucket", S3_FORCE_PATH_STYLE: "maybe" }).message).toMatch(
      /S3_FORCE_PATH_STYLE: must be true or false/,
    );
  });

  it("reports every bad variable at once", () => {
    const error = errorOf({ STORAGE_URL: "nope", S3_ENDPOINT: "nope", S3_FORCE_PATH_STYLE: "nope" });
    expect(error.variables.sort()).toEqual(["S3_ENDPOINT", "S3_FORCE_PATH_STYLE", "STORAGE_URL"]);
    expect(error.message.split("\n")).toHaveLength(1);
  });

  it("needs both keys or neither, and never prints the secret", () => {
    const onlySecret = errorOf({ STORAGE_URL: "s3://bucket", S3_SECRET_ACCESS_KEY: SECRET });
    expect(onlySecret.message).toBe(
      "Invalid configuration: S3_ACCESS_KEY_ID: required when S3_SECRET_ACCESS_KEY is set",
    );
    expect(onlySecret.variables).toEqual(["S3_ACCESS_KEY_ID"]);
    const onlyId = errorOf({ STORAGE_URL: "s3://bucket", S3_ACCESS_KEY_ID: "id" });
    expect(onlyId.message).toBe("Invalid configuration: S3_SECRET_ACCESS_KEY: required when S3_ACCESS_KEY_ID is set");
  });

  it("trims keys (a stray newline from a file) and keeps the secret out of logs", () => {
    const settings = parseS3Settings({
      STORAGE_URL: "s3://bucket/p",
      S3_ACCESS_KEY_ID: " id\n",
      S3_SECRET_ACCESS_KEY: `${SECRET}\n`,
    })!;
    expect(settings.clientConfig.credentials).toEqual({ accessKeyId: "id", secretAccessKey: SECRET });
    expect(JSON.stringify(settings)).not.toContain(SECRET);
    expect(JSON.stringify(settings)).toContain("[redacted]");
    expect(inspect(settings, { depth: 10 })).not.toContain(SECRET);
    // Spreading (as SDK code may) still hands over the real secret.
    expect({ ...settings.clientConfig.credentials }.secretAccessKey).toBe(SECRET);
    expect(describeS3Settings(settings)).toBe("s3://bucket/p at AWS S3 us-east-1");
    expect(describeS3Settings(settings)).not.toContain(SECRET);
  });

  it("describes an endpoint configuration", () => {
    const settings = parseS3Settings({
      STORAGE_URL: "s3://studio-test",
      S3_ENDPOINT: "http://127.0.0.1:4569",
      S3_FORCE_PATH_STYLE: "true",
    })!;
    expect(describeS3Settings(settings)).toBe("s3://studio-test at http://127.0.0.1:4569 (path-style)");
  });
});
