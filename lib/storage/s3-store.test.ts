import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import { HeadObjectCommand, ListObjectsV2Command, S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
// @ts-expect-error s3rver 3.7 ships no type declarations
import S3rverUntyped from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3StoreCheckError, checkS3Store, createS3Store } from "./s3-store";
import { parseS3Settings } from "./storage-url";
import { describeBlobStoreContract, readAll } from "./store-contract";

type S3rverInstance = {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer?: { closeAllConnections?: () => void };
};
const S3rver = S3rverUntyped as new (options: Record<string, unknown>) => S3rverInstance;

const BUCKET = "studio-test";
const SECRET = "S3RVER";

let server: S3rverInstance;
let serverDir: string;
let endpoint: string;
let client: S3Client;
const clients: S3Client[] = [];

function clientConfig(overrides: Partial<S3ClientConfig> = {}): S3ClientConfig {
  return {
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: SECRET },
    ...overrides,
  };
}

function newClient(overrides: Partial<S3ClientConfig> = {}): S3Client {
  const c = new S3Client(clientConfig(overrides));
  clients.push(c);
  return c;
}

/** Every key in the bucket under `prefix/`, relative to it, sorted. */
async function listUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix ? `${prefix}/` : undefined, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) keys.push(prefix ? o.Key!.slice(prefix.length + 1) : o.Key!);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

beforeAll(async () => {
  serverDir = await mkdtemp(path.join(tmpdir(), "s3rver-test-"));
  server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: serverDir,
    configureBuckets: [{ name: BUCKET }],
  });
  const address = await server.run();
  endpoint = `http://127.0.0.1:${address.port}`;
  client = newClient();
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  if (server) {
    const closing = server.close();
    server.httpServer?.closeAllConnections?.();
    await closing;
  }
  if (serverDir) await rm(serverDir, { recursive: true, force: true });
});

let contractRun = 0;
describeBlobStoreContract("s3 (s3rver)", {
  kind: "s3",
  async setup() {
    // A fresh prefix per test keeps tests apart in the one bucket.
    const prefix = `contract/run-${++contractRun}-${randomBytes(4).toString("hex")}`;
    return { store: createS3Store({ bucket: BUCKET, prefix, client }), listKeys: () => listUnder(prefix) };
  },
  // s3rver writes an object in place (truncate, then write) and answers the
  // PUT before its file stream has flushed, so racing puts, or a GET during a
  // PUT, can see a mix. Real S3 (and MinIO) replace objects atomically.
  atomicReplace: { notTestable: "s3rver rewrites objects in place" },
});

describe("createS3Store", () => {
  it("normalizes the prefix and refuses an invalid one", () => {
    const store = createS3Store({ bucket: BUCKET, prefix: "/team/pictures/", client });
    expect(store.kind).toBe("s3");
    expect(store.bucket).toBe(BUCKET);
    expect(store.prefix).toBe("team/pictures");
    expect(createS3Store({ bucket: BUCKET, client }).prefix).toBe("");
    expect(() => createS3Store({ bucket: BUCKET, prefix: "a/../b", client })).toThrow(/prefix/);
    expect(() => createS3Store({ bucket: "", client })).toThrow(/bucket/);
  });

  it("stores the content type and length, under prefix/key", async () => {
    const store = createS3Store({ bucket: BUCKET, prefix: "meta", client });
    const bytes = randomBytes(1234);
    await store.put({ key: "images/gen_1.webp", bytes, contentType: "image/webp" });
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "meta/images/gen_1.webp" }));
    expect(head.ContentType).toBe("image/webp");
    expect(head.ContentLength).toBe(1234);
    // Overwriting with another type replaces it too.
    await store.put({ key: "images/gen_1.webp", bytes: Buffer.from("png!"), contentType: "image/png" });
    const again = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "meta/images/gen_1.webp" }));
    expect(again.ContentType).toBe("image/png");
    expect(again.ContentLength).toBe(4);
  });

  it("keeps stores with different prefixes apart", async () => {
    const a = createS3Store({ bucket: BUCKET, prefix: "iso-a", client });
    const b = createS3Store({ bucket: BUCKET, prefix: "iso-b", client });
    await a.put({ key: "images/same.png", bytes: Buffer.from("from a"), contentType: "image/png" });
    expect(await b.exists("images/same.png")).toBe(false);
    expect(await b.get("images/same.png")).toBeUndefined();
    await b.put({ key: "images/same.png", bytes: Buffer.from("from b!"), contentType: "image/png" });
    expect((await readAll((await a.get("images/same.png"))!.stream)).toString()).toBe("from a");
    expect((await readAll((await b.get("images/same.png"))!.stream)).toString()).toBe("from b!");
    await b.delete("images/same.png");
    expect(await a.exists("images/same.png")).toBe(true);
    expect(await b.exists("images/same.png")).toBe(false);
    // A prefix is a whole path segment: "iso-a" does not see "iso-ab".
    const ab = createS3Store({ bucket: BUCKET, prefix: "iso-ab", client });
    await ab.put({ key: "x.png", bytes: Buffer.from("ab"), contentType: "image/png" });
    expect(await listUnder("iso-a")).toEqual(["images/same.png"]);
    // A store without a prefix sees the whole bucket.
    const root = createS3Store({ bucket: BUCKET, client });
    expect(await root.exists("iso-a/images/same.png")).toBe(true);
  });

  it("refuses a key that is too long for S3 with its prefix", async () => {
    const store = createS3Store({ bucket: BUCKET, prefix: "p".repeat(100), client });
    const key = `images/${"k".repeat(1000)}.png`;
    await expect(store.put({ key, bytes: Buffer.from("x"), contentType: "image/png" })).rejects.toThrow(/1024 bytes/);
    await expect(store.get(key)).rejects.toThrow(/1024 bytes/);
  });

  it("throws, rather than answering 'missing', when the bucket does not exist", async () => {
    const store = createS3Store({ bucket: "no-such-bucket", client });
    await expect(store.get("images/a.png")).rejects.toThrow(/bucket/i);
    await expect(store.put({ key: "images/a.png", bytes: Buffer.from("x"), contentType: "image/png" })).rejects.toThrow(
      /bucket/i,
    );
  });

  it("works from parseS3Settings output", async () => {
    const settings = parseS3Settings({
      STORAGE_URL: `s3://${BUCKET}/from-env/`,
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: SECRET,
      S3_FORCE_PATH_STYLE: "true",
    })!;
    const store = createS3Store(settings);
    clients.push(store.client);
    await checkS3Store(store);
    await store.put({ key: "images/env.png", bytes: Buffer.from("env"), contentType: "image/png" });
    expect(await listUnder("from-env")).toEqual(["images/env.png"]);
    expect((await readAll((await store.get("images/env.png"))!.stream)).toString()).toBe("env");
  });
});

describe("checkS3Store", () => {
  it("passes for a bucket that exists", async () => {
    await expect(checkS3Store(createS3Store({ bucket: BUCKET, client }))).resolves.toBeUndefined();
  });

  it("names a missing bucket and the endpoint", async () => {
    const error = await checkS3Store(createS3Store({ bucket: "missing-bucket", client })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3StoreCheckError);
    expect((error as S3StoreCheckError).reason).toBe("missing-bucket");
    expect((error as Error).message).toContain(`S3 bucket "missing-bucket" does not exist at endpoint ${endpoint}`);
  });

  it("says the credentials were refused, without the secret", async () => {
    const secret = "do-not-print-me-0123456789abcdef";
    const store = createS3Store({
      bucket: BUCKET,
      client: newClient({ credentials: { accessKeyId: "NOT-A-KEY", secretAccessKey: secret } }),
    });
    const error = await checkS3Store(store).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3StoreCheckError);
    expect((error as S3StoreCheckError).reason).toBe("credentials");
    expect((error as Error).message).toMatch(/credentials refused for bucket "studio-test" at endpoint http:\/\/127\.0\.0\.1:\d+/);
    expect((error as Error).message).toContain("S3_SECRET_ACCESS_KEY");
    expect((error as Error).message).not.toContain(secret);
    expect(String(error)).not.toContain(secret);
    expect(inspect(error, { depth: 1 })).not.toContain(secret);
    // s3rver does not verify version-4 signatures, so a wrong *secret* with a
    // known key id is accepted here; real S3 answers 403 SignatureDoesNotMatch,
    // which takes the same "credentials" branch.
  });

  it("says the endpoint is unreachable", async () => {
    const store = createS3Store({ bucket: BUCKET, client: newClient({ endpoint: "http://127.0.0.1:1", maxAttempts: 1 }) });
    const error = await checkS3Store(store).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3StoreCheckError);
    expect((error as S3StoreCheckError).reason).toBe("unreachable");
    expect((error as Error).message).toContain("S3 endpoint http://127.0.0.1:1 is unreachable (check S3_ENDPOINT)");
  });
});

describe("scripts/s3-test-server.mjs", () => {
  it("serves the studio-test bucket until killed, then removes its directory", async () => {
    const script = path.resolve(import.meta.dirname, "../../scripts/s3-test-server.mjs");
    const child = spawn(process.execPath, [script, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const firstLines = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes("\n") && /S3_ENDPOINT=/.test(out)) resolve(out);
        });
        child.once("exit", (code) => reject(new Error(`exited with ${code}: ${out}`)));
        setTimeout(() => reject(new Error(`no endpoint printed: ${out}`)), 20_000);
      });
      const url = /S3_ENDPOINT=(\S+)/.exec(firstLines)![1];
      const dir = /directory=(\S+)/.exec(firstLines)?.[1];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const store = createS3Store({ bucket: BUCKET, client: newClient({ endpoint: url }) });
      await checkS3Store(store);
      await store.put({ key: "ci/probe.png", bytes: Buffer.from("probe"), contentType: "image/png" });
      expect((await readAll((await store.get("ci/probe.png"))!.stream)).toString()).toBe("probe");
      store.client.destroy();

      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      if (dir) expect(existsSync(dir)).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
