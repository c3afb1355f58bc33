import { defineConfig } from "drizzle-kit";

// The PostgreSQL twin of drizzle.config.ts. Generate a migration after changing
// lib/db/postgres/schema.ts:
//   NODE_OPTIONS=--conditions=react-server npx drizzle-kit generate --config drizzle.postgres.config.ts
// The app applies drizzle/postgres at start-up when DATABASE_URL is set.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/postgres/schema.ts",
  out: "./drizzle/postgres",
});
