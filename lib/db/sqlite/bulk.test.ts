import { describeBulk } from "@/lib/db/repository-contract";
import { openTemp } from "./test-helpers";

// The shared 100,000-row test (lib/db/contract/bulk.ts), on a SQLite file.
describeBulk({ kind: "sqlite", open: async () => openTemp(), timeoutMs: 120_000 });
