import { createTestDatabase } from "@/lib/db/postgres/test-helpers";
import { retryInPlaceSuite } from "./retry-in-place.suite";

// The same suite on PostgreSQL: a fresh database of this file's own (DATABASE_URL).
retryInPlaceSuite(async () => ({ DATABASE_URL: await createTestDatabase() }));
