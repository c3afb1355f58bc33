import { describeBulk } from "@/lib/db/repository-contract";
import { openTemp } from "./test-helpers";

// The shared 100,000-row test (lib/db/contract/bulk.ts), on PostgreSQL.
describeBulk({ kind: "postgres", open: () => openTemp(), timeoutMs: 180_000 });
