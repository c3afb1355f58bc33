import { describe, expect, it } from "vitest";
import { assertSameOrigin } from "./origin";

describe("the origin check with a bearer token", () => {
  const withHeaders = (headers: Record<string, string>, method = "GET") => new Request("http://studio.test/api/generations", { method, headers });

  it("a write with a bearer and no cookie needs no origin check; with a cookie it still does", () => {
    const foreign = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
    expect(() => assertSameOrigin(withHeaders({ ...foreign, authorization: "Bearer nst_x" }, "POST"))).not.toThrow();
    expect(() => assertSameOrigin(withHeaders({ ...foreign, authorization: "Bearer nst_x", cookie: "studio_session=abc" }, "POST"))).toThrow(/other sites/);
    expect(() => assertSameOrigin(withHeaders({ ...foreign, cookie: "studio_session=abc" }, "POST"))).toThrow(/other sites/);
    expect(() => assertSameOrigin(withHeaders(foreign, "POST"))).toThrow(/other sites/);
    expect(() => assertSameOrigin(withHeaders({ ...foreign, authorization: "Basic eDp5" }, "POST"))).toThrow(/other sites/);
  });
});
