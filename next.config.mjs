// The test line's build (scripts/test-all.sh sets STUDIO_TEST_BUILD=1) skips
// two things it does not need: Next's type check, which the line's own tsc
// repeats in full (Next's skips test files), and the build cache, which a
// fresh clone never reads again. Both take a third of the build's CPU.
const testBuild = process.env.STUDIO_TEST_BUILD === "1";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The container image (Dockerfile) and its test build a self-contained
  // server; everyday builds stay ordinary so `next start` works.
  ...(process.env.NEXT_OUTPUT === "standalone" ? { output: "standalone" } : {}),
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // STUDIO_BROWSER_SOURCE_MAPS=1: the browser's chunks with source maps, for
  // `npm run bench -- js-profile` (where a phone's main-thread time goes, by
  // source file). Off otherwise: the maps would be served to anyone.
  productionBrowserSourceMaps: process.env.STUDIO_BROWSER_SOURCE_MAPS === "1",
  // The stylesheet goes inside the HTML instead of a render-blocking request
  // (a phone's first paint); the CSP allows inline styles already.
  experimental: { inlineCss: true, ...(testBuild ? { turbopackFileSystemCacheForBuild: false } : {}) },
  ...(testBuild ? { typescript: { ignoreBuildErrors: true } } : {}),
  // Next's own polyfill module, down to the one polyfill its supported browsers need (build/modern-polyfills-loader.cjs).
  turbopack: {
    rules: {
      "*": {
        condition: { all: ["browser", { path: /next\/dist\/(esm\/)?build\/polyfills\/polyfill-module\.js$/ }] },
        loaders: ["./build/modern-polyfills-loader.cjs"],
        as: "*.js",
      },
    },
  },
  // Native modules stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "sharp", "pino", "argon2"],
  // argon2's own prebuilt linux binary crashes (SIGSEGV) on load here, so
  // `npm ci` compiles it into build/Release, which node-gyp-build prefers. The
  // standalone trace only follows the prebuilds: ship the compiled one too.
  outputFileTracingIncludes: { "/**": ["./node_modules/argon2/build/Release/argon2.node"] },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      {
        // API answers are JSON and pictures, never documents: nothing in them may run.
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; sandbox" }],
      },
      {
        // The OpenAI-compatible API (/v1/models, /v1/images/*): JSON only, as /api.
        source: "/v1/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; sandbox" }],
      },
    ];
  },
};

export default nextConfig;
