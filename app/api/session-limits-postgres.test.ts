import { createTestDatabase } from "@/lib/db/postgres/test-helpers";
import { sessionLimitsSuite } from "./session-limits.suite";

// The same suite on PostgreSQL: a fresh database of this file's own (DATABASE_URL).
sessionLimitsSuite(async () => ({ DATABASE_URL: await createTestDatabase() }));
