import { defineConfig } from "drizzle-kit";

// Generate a migration after changing lib/db/sqlite/schema.ts:
//   NODE_OPTIONS=--conditions=react-server npx drizzle-kit generate
// (the condition turns the schema's `import "server-only"` into a no-op, as in
// Next's server build). The app applies drizzle/sqlite at start-up.
export default defineConfig({
  dialect: "sqlite",
  schema: "./lib/db/sqlite/schema.ts",
  out: "./drizzle/sqlite",
});
