import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import reactHooks from "eslint-plugin-react-hooks";

// Next.js's own rules (core web vitals, TypeScript), then React's hooks rules
// with the React Compiler's diagnostics. `npm run lint` runs it with
// --max-warnings=0: a warning fails the test line like an error.
//
// The few rules turned off below misfire on a pattern the studio relies on;
// each says why. A single deliberate exception elsewhere is a disable
// comment on the line before it, its reason after a double dash.
export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  // React's own preset, React Compiler diagnostics included. Next's config
  // turns the same rules on today; naming the preset keeps them on if it ever
  // stops, and picks up the rules React adds to it.
  reactHooks.configs.flat.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // A leading underscore is how this code says "unused on purpose": an
      // argument a callback's signature needs, or a key taken out of a rest
      // object (`const { $schema: _s, ...json } = …`).
      "@typescript-eslint/no-unused-vars": [
        "warn",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // The pictures are the studio's own files, served by /api/images/{id}
    // (and /s/{token}/images/{id}) behind the session or a share token, with
    // thumbnail, preview and original renditions chosen by srcset/sizes.
    // next/image would send them through its optimizer, which fetches each
    // picture again on the server, without the person's session, to re-encode
    // renditions the studio already makes.
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    rules: { "@next/next/no-img-element": "off" },
  },
  {
    // No React in these folders (lib/ outside lib/client/ is server-only):
    // Playwright fixtures name their continuation `use`, and a server
    // function may start with "use" (useSharedCounters), which the rule takes
    // for React hooks.
    files: ["lib/**", "e2e/**", "bench/**", "scripts/**"],
    ignores: ["lib/client/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Tests and their helpers walk untyped JSON answers (`Record<string, any>`).
    files: ["**/*.test.ts", "**/test-helpers.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // architecture.md: pages never read process.env; the server side reads
    // the configuration parsed once (lib/config.ts).
    files: ["app/**/*.tsx", "components/**"],
    ignores: ["app/api/**", "app/v1/**"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Pages never read process.env: use getConfig() on the server side." }],
    },
  },
  {
    // CommonJS config files (.dependency-cruiser.cjs) can only require().
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "data/**",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
