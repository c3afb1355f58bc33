// The layer table of docs/architecture.md ("Layers") as dependency rules.
// `npm run lint:deps` checks the production code (tests, e2e and benchmarks
// may reach across layers to set things up). A rule's name is what a failing
// test line prints; each rule's comment says which cell of the table it is.
//
// Where today's code differs from the table on purpose, the exception is
// written into the rule's pathNot with a comment, so that a new import of the
// same kind still fails.
const fs = require("node:fs");
const path = require("node:path");

// The layers, as path patterns (paths are relative to the project root).
const PAGES = "^(app/(?!api/|v1/).+|components/.+)";
const EDGE = "^(app/api/.+|app/v1/.+|proxy\\.ts$)";
// lib/openai-compat/ is the table's lib/openai/ (the OpenAI-compatible API) under its new name.
const SERVICES = "^lib/(generations|accounts|auth|boards|shares|downloads|usage|openai|openai-compat)/";
const ADAPTERS = "^lib/(gateway|db|storage|images|net)/";
const SIMULATOR = "^lib/simulator/";
const WIRING = "^lib/wiring/";
const TOOLING = "^lib/(migrate|openapi|testing)/";

// Client code: every module that starts with a "use client" directive, and
// lib/client/ (the hooks the pages use). Read from the files themselves, so
// a new client component is covered without touching this file.
function clientModules() {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const head = fs.readFileSync(full, "utf8").slice(0, 200);
        if (/^\s*(\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["']use client["']/.test(head)) found.push(full.split(path.sep).join("/"));
      }
    }
  };
  for (const dir of ["app", "components", "lib"]) if (fs.existsSync(dir)) walk(dir);
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return `^(lib/client/|${found.map((f) => `${escape(f)}$`).join("|")})`;
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-folder-loop",
      severity: "error",
      comment:
        "Two folders that import each other (directly or round a longer loop) are one piece in two places: " +
        "move what both need down a layer (e.g. lib/core/) so the flow only steps down.",
      scope: "folder",
      from: {},
      to: { circular: true },
    },
    {
      name: "pages-not-to-adapters",
      severity: "error",
      comment:
        "pages (app/**/page.tsx, components/) never touch the gateway or the database: " +
        "they know the HTTP API (lib/contract.ts) and the hooks in lib/client/; the server side of a page reads through services.",
      from: { path: PAGES },
      to: { path: "^lib/(gateway|db|storage|images|net|simulator)/" },
    },
    {
      name: "client-not-to-server-only",
      severity: "error",
      comment:
        "A \"use client\" module (and lib/client/) must not reach, through any chain of imports, a module that " +
        "starts with import \"server-only\": it would ship server code (and its secrets) to the browser, and the build fails.",
      from: { path: clientModules() },
      to: { path: "(^|/)node_modules/server-only/", reachable: true },
    },
    {
      name: "client-zod-on-demand",
      severity: "error",
      comment:
        "Client code takes the contract's plain values from lib/contract-values.ts (no zod) and its types with `import type`: " +
        "zod and the schemas reach the browser only on demand (lib/client/schemas.ts, after lib/client/zod-jitless.ts). " +
        "A static import puts zod in every page's first load, and its schemas are built before the jitless setting, " +
        "so zod's `new Function` probe is a CSP violation (Lighthouse best practices).",
      from: { path: clientModules(), pathNot: "^(lib/client/(schemas|zod-jitless|composer-settings)\\.ts|components/api-docs/)" },
      to: { path: "^(node_modules/zod/|lib/contract(-templates|-runs|-prompt)?\\.ts$)", dependencyTypesNot: ["type-only", "dynamic-import"] },
    },
    {
      name: "edge-not-to-sql-or-gateway",
      severity: "error",
      comment:
        "The HTTP edge (app/api/**/route.ts, app/v1/**, proxy.ts) parses, identifies, calls one service and maps errors: " +
        "no SQL (lib/db/) and no gateway JSON (lib/gateway/).",
      from: { path: EDGE },
      to: { path: "^lib/(db|gateway)/" },
    },
    {
      name: "services-not-to-edge",
      severity: "error",
      comment:
        "Services never touch Request/Response except the two route wrappers (lib/server/route.ts, lib/openai-compat/route.ts): " +
        "they do not import the HTTP edge (app/, lib/server/) or the pages.",
      from: { path: SERVICES, pathNot: "^lib/openai(-compat)?/route\\.ts$" },
      // Today's code differs: the OpenAI-compatible API answers with signed
      // picture links (lib/openai-compat/respond.ts), made by the helper that
      // lives beside the image route's check of them (lib/server/signed-links.ts).
      to: { path: "^(app/|components/|lib/server/)", pathNot: "^lib/server/signed-links\\.ts$" },
    },
    {
      name: "services-not-to-wiring",
      severity: "error",
      comment:
        "Services get their deps handed by the composition root (lib/wiring/); they never import it themselves " +
        "(that is how a loop with the root starts).",
      from: { path: `${SERVICES}|${ADAPTERS}|${SIMULATOR}` },
      to: { path: WIRING },
    },
    {
      name: "adapters-not-to-each-other",
      severity: "error",
      comment: "An adapter (lib/gateway, lib/db, lib/storage, lib/images, lib/net) knows one outside system: never another adapter.",
      from: { path: ADAPTERS },
      // Today's code differs: the gateway's client fetches through lib/net
      // (safe-target, follow-redirects), the one guarded way out to the network.
      to: { path: ADAPTERS, pathNot: "^lib/$1/|^lib/net/" },
    },
    {
      name: "adapters-not-up",
      severity: "error",
      comment: "Adapters sit at the bottom: they import no service, edge, page or the composition root.",
      from: { path: ADAPTERS },
      to: { path: `${SERVICES}|${WIRING}|^lib/server/|^app/|^components/` },
    },
    {
      name: "simulator-not-to-studio",
      severity: "error",
      comment:
        "The embedded upstream (lib/simulator/) knows the gateway's wire protocol only: nothing of the studio.",
      from: { path: SIMULATOR },
      // Today's code differs: the simulator shares the model catalogue
      // (lib/models.ts: ids, sizes, ratios, part of the wire protocol) and the
      // data-URL parser (lib/data-url.ts) with the studio; neither imports anything.
      to: { path: "^(app|components|lib)/", pathNot: `${SIMULATOR}|^lib/(models|data-url)\\.ts$` },
    },
    {
      name: "production-not-to-tooling",
      severity: "error",
      comment:
        "Tooling (lib/migrate/, lib/openapi/, lib/testing/) is never on a production code path; " +
        "the document's own route serves lib/openapi/.",
      from: { pathNot: TOOLING },
      to: { path: "^lib/(migrate|testing)/" },
    },
    {
      name: "production-not-to-tooling",
      severity: "error",
      comment: "The one exception: the pages that serve the API document (/api/openapi.json, /docs/api) read lib/openapi/.",
      from: { pathNot: `${TOOLING}|^app/api/openapi\\.json/|^app/docs/|^components/api-docs/` },
      to: { path: "^lib/openapi/" },
    },
  ],
  options: {
    // Production code: tests, the suites they share (*.suite.ts, the
    // contract suites) and their helpers sit beside the code and may reach
    // across layers to set things up. lib/testing/ is visited (nothing in
    // production may import it) but not followed: it calls route handlers.
    exclude: {
      path: "(^|/)(test-[^/]+|[^/]+\\.(test|suite))\\.tsx?$|-contract\\.ts$|^lib/db/contract/|^(e2e|bench)/|^\\.next",
    },
    doNotFollow: { path: "node_modules|^lib/testing/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".d.ts"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
