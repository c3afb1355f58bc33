import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./document";

type Json = Record<string, any>;
const doc = buildOpenApiDocument() as Json;
const ROOT = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Follows a local $ref (#/components/…). */
const deref = (schema: Json): Json => (schema?.$ref ? schema.$ref.slice(2).split("/").reduce((at: Json, key: string) => at[key], doc) : schema);

/** Every app/api and app/v1 route file on disk, as OpenAPI path + the methods it exports. */
function routesOnDisk(): { path: string; file: string; methods: string[] }[] {
  const found: { path: string; file: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|tsx|js)$/.test(entry.name)) {
        const source = readFileSync(full, "utf8");
        const methods = METHODS.filter((m) =>
          new RegExp(`export\\s+(const|let|async\\s+function|function)\\s+${m}\\b|export\\s*\\{[^}]*\\b${m}\\b[^}]*\\}`).test(source),
        );
        found.push({ path: toOpenApiPath(path.relative(path.join(ROOT, "app"), dir)), file: path.relative(ROOT, full), methods });
      }
    }
  };
  for (const top of ["api", "v1"]) {
    try {
      walk(path.join(ROOT, "app", top));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return found;
}

/** app/api/generations/[id]/cancel → /api/generations/{id}/cancel; (groups) vanish; usage.csv stays. */
function toOpenApiPath(folder: string): string {
  const segments = folder
    .split(path.sep)
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[(?:\.\.\.)?(.+)\]$/, "{$1}"));
  return `/${segments.join("/")}`;
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    const errors = result.errors ?? [];
    console.log(`OpenAPI ${validator.version}: ${result.valid ? "valid" : "INVALID"}, ${Array.isArray(errors) ? errors.length : 1} errors`);
    expect(errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("documents every route under app/api and app/v1, and nothing else", () => {
    const onDisk = routesOnDisk();
    const wanted = onDisk.flatMap((r) => r.methods.map((m) => `${m} ${r.path}`));
    const documented = Object.entries(doc.paths as Json).flatMap(([p, item]) =>
      Object.keys(item)
        .filter((k) => METHODS.includes(k.toUpperCase() as (typeof METHODS)[number]))
        .map((m) => `${m.toUpperCase()} ${p}`),
    );
    const missing = wanted.filter((w) => !documented.includes(w));
    const withoutFile = documented.filter((d) => !wanted.includes(d));
    console.log(
      `${wanted.length - missing.length} of ${wanted.length} routes documented (method + path, in ${onDisk.length} route files); ` +
        `${documented.length} operations in the document` +
        (withoutFile.length ? `; documented without a route file: ${withoutFile.join(", ")}` : ""),
    );
    expect(onDisk.filter((r) => r.methods.length === 0).map((r) => r.file), "route files exporting no method the walk can read").toEqual([]);
    expect(missing, "routes the document lacks").toEqual([]);
    expect(withoutFile, "documented routes with no route file").toEqual([]);
  });

  it("has the limits of the contract on POST /api/generations", () => {
    const body = deref(doc.paths["/api/generations"].post.requestBody.content["application/json"].schema);
    expect(body.properties.prompt.maxLength).toBe(10000);
    expect(body.properties.prompt.minLength).toBe(1);
    expect(body.properties.count.maximum).toBe(4);
    expect(body.properties.count.minimum).toBe(1);
    expect(body.properties.references.maxItems).toBe(5);
    expect(body.required).toEqual(["model", "prompt"]); // defaults are optional in a request
  });

  it("answers /v1/images/generations in OpenAI's shape", () => {
    const op = doc.paths["/v1/images/generations"].post;
    const ok = deref(op.responses["200"].content["application/json"].schema);
    expect(ok.properties.data.type).toBe("array");
    expect(ok.properties.data.items.properties.b64_json.type).toBe("string");
    expect(ok.properties.data.items.properties.url.type).toBe("string");
    const error = deref(op.responses["401"].content["application/json"].schema);
    expect(Object.keys(error.properties.error.properties).sort()).toEqual(["code", "message", "param", "type"]);
    const request = deref(op.requestBody.content["application/json"].schema);
    expect(request.properties.n.maximum).toBe(4);
    expect(request.properties.size.enum).toContain("1792x1024");
  });

  it("documents Idempotency-Key on /v1/images/* and the 413 and 422 it may meet", () => {
    for (const path of ["/v1/images/generations", "/v1/images/edits"]) {
      const op = doc.paths[path].post;
      const header = op.parameters.find((p: Json) => p.name === "Idempotency-Key");
      expect(header).toMatchObject({ in: "header", required: false, schema: { type: "string", maxLength: 200 } });
      expect(header.description).toMatch(/24 hours/);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["413", "422"]));
      expect(op.responses["422"].description).toMatch(/idempotency_key_reused/);
    }
    expect(doc.paths["/v1/images/edits"].post.responses["429"].description).toMatch(/edits/);
  });

  it("takes the edits' pictures as multipart image / image[]", () => {
    const form = deref(doc.paths["/v1/images/edits"].post.requestBody.content["multipart/form-data"].schema);
    expect(Object.keys(form.properties)).toEqual(expect.arrayContaining(["image", "image[]", "prompt", "n", "size"]));
  });

  it("describes files as files", () => {
    expect(Object.keys(doc.paths["/api/images/{id}"].get.responses["200"].content)).toEqual(["image/png", "image/jpeg", "image/webp"]);
    expect(Object.keys(doc.paths["/api/usage.csv"].get.responses["200"].content)).toEqual(["text/csv"]);
    expect(doc.paths["/api/images/{id}"].get.parameters.map((p: Json) => p.name)).toEqual(["id", "variant", "download", "exp", "sig"]);
  });

  it("has the cookie and bearer security schemes, and public routes say so", () => {
    expect(doc.components.securitySchemes.cookie).toMatchObject({ type: "apiKey", in: "cookie", name: "studio_session" });
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.paths["/api/health"].get.security).toEqual([]);
    expect(doc.paths["/api/openapi.json"].get.security).toEqual([]);
    expect(doc.paths["/v1/models"].get.security).toEqual([{ bearer: [] }, { cookie: [] }]);
  });

  it("uses one error body per family", () => {
    expect(deref(doc.paths["/api/generations"].post.responses["429"].content["application/json"].schema)).toBe(doc.components.schemas.Error);
    expect(doc.paths["/v1/images/edits"].post.responses["504"].content["application/json"].schema.$ref).toBe("#/components/schemas/OpenAIError");
  });

  it("never leaves a field as an empty schema", () => {
    const empty: string[] = [];
    const visit = (schema: Json, at: string) => {
      if (!schema || typeof schema !== "object") return;
      if (Object.keys(schema).length === 0) empty.push(at);
      for (const [name, property] of Object.entries((schema.properties ?? {}) as Json)) visit(property, `${at}.${name}`);
      if (schema.items) visit(schema.items, `${at}[]`);
      for (const [i, member] of ((schema.anyOf ?? schema.oneOf ?? []) as Json[]).entries()) visit(member, `${at}|${i}`);
    };
    for (const [name, schema] of Object.entries(doc.components.schemas as Json)) visit(schema, name);
    expect(empty).toEqual([]);
  });
});

describe("what a token may not call", () => {
  it("tokens, the session and every admin route take a browser's cookie only", () => {
    const browserOnly = Object.entries(doc.paths as Json).flatMap(([p, item]) =>
      Object.entries(item as Json)
        .filter(([method]) => METHODS.includes(method.toUpperCase() as (typeof METHODS)[number]))
        .filter(([method]) => p.startsWith("/api/tokens") || p.startsWith("/api/admin/") || p === "/api/session/password" || (p === "/api/session" && method === "get"))
        .map(([method, op]) => [`${method.toUpperCase()} ${p}`, (op as Json).security] as const),
    );
    expect(browserOnly.length).toBeGreaterThanOrEqual(15);
    for (const [name, security] of browserOnly) expect(security, name).toEqual([{ cookie: [] }]);
    expect(doc.paths["/api/generations"].post.security).toEqual([{ bearer: [] }, { cookie: [] }]);
  });
});
